import { translateAwsError } from '@contact-sync/adapters-aws';
import { SIMULATED_ERROR_NAMES, SimulatedServiceError, translateSimulatedError } from '@contact-sync/simulated-aws';

describe('Error translation contract: the simulated Account Management API fails as AWS does', () => {
  it.each(SIMULATED_ERROR_NAMES)('%s means to the simulated adapter what it means to the AWS adapters', (name) => {
    const error = new SimulatedServiceError(name, 'refused', 'sim-0000002a', 400);
    const { code, requestId } = translateAwsError(error);
    expect(translateSimulatedError(error)).toEqual({ code, requestId });
  });

  it('the simulator raises every error the contacts adapters act on: throttling, faults, refusals and "not set"', () => {
    const codes = SIMULATED_ERROR_NAMES.map((name) => translateAwsError(new SimulatedServiceError(name, 'm', 'sim-1', 400)).code);
    expect(new Set(codes)).toEqual(new Set(['THROTTLED', 'TRANSIENT', 'ACCESS_DENIED', 'INVALID', 'NOT_FOUND']));
  });
});
