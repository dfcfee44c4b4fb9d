import { OperatorIdentityPort, OrganizationIdentity } from '@contact-sync/domain';

/** A fixed operator and organization: the simulated organization's, for the memory backend and tests. */
export class InMemoryOperatorIdentity implements OperatorIdentityPort {
  constructor(
    private readonly caller: string,
    private readonly identity: OrganizationIdentity,
  ) {}

  async callerArn(): Promise<string> {
    return this.caller;
  }

  async organization(): Promise<OrganizationIdentity> {
    return this.identity;
  }
}
