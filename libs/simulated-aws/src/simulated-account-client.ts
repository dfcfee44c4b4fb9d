import * as account from '@aws-sdk/client-account';
import { AccountId, ContactKind, ContactOperation } from '@contact-sync/domain';
import { SdkBoundary, ServiceExceptions, SimulatedClientOptions } from './sdk-boundary';
import { Caller } from './service-answers';
import { AccountRequest, SimulatedAccountService } from './simulated-account-service';

/** What a contact request is signed with: the operation, the contact kind and the member it names (none: the caller's own account). */
export interface SignedContactRequest {
  readonly operation: ContactOperation;
  readonly kind: ContactKind;
  readonly accountId?: AccountId;
}

/** Account Management's exceptions, as `@aws-sdk/client-account` models them. */
const ACCOUNT_EXCEPTIONS: ServiceExceptions = { exports: account, base: account.AccountServiceException };

type Route = (service: SimulatedAccountService, input: AccountRequest, caller: Caller) => Promise<object>;

/** The service's answer to each command the contacts adapter sends, by the command's class. */
const ROUTES = new Map<unknown, { readonly operation: ContactOperation; readonly route: Route }>([
  [
    account.GetAlternateContactCommand,
    { operation: 'GetAlternateContact', route: (s, input, caller) => s.getAlternateContact(input, caller) },
  ],
  [
    account.PutAlternateContactCommand,
    { operation: 'PutAlternateContact', route: (s, input, caller) => s.putAlternateContact(input, caller) },
  ],
  [
    account.DeleteAlternateContactCommand,
    { operation: 'DeleteAlternateContact', route: (s, input, caller) => s.deleteAlternateContact(input, caller) },
  ],
  [
    account.GetContactInformationCommand,
    { operation: 'GetContactInformation', route: (s, input, caller) => s.getContactInformation(input, caller) },
  ],
  [
    account.PutContactInformationCommand,
    { operation: 'PutContactInformation', route: (s, input, caller) => s.putContactInformation(input, caller) },
  ],
]);

/**
 * An `AccountClient` whose requests the simulated Account Management API serves: the real contacts
 * adapter sends it the SDK's commands and gets the SDK's outputs (with `$metadata`) and exceptions,
 * over the simulation's virtual clock. It is configured as the deployed client is (its settings
 * decide the retries), and carries who sends its requests (`sign`) and what IAM lets them do (`allows`).
 */
export class SimulatedAccountClient extends account.AccountClient {
  private readonly boundary: SdkBoundary;

  constructor(
    private readonly service: SimulatedAccountService,
    configuration: account.AccountClientConfig,
    private readonly options: SimulatedClientOptions<SignedContactRequest>,
  ) {
    super(configuration);
    this.boundary = new SdkBoundary(ACCOUNT_EXCEPTIONS, options.retryClock, this.config, () => service.requestIds.nextAnswer());
  }

  /** Serves the command from the simulated service, as the SDK would send it over HTTP; a command it does not serve is a bug in the caller. */
  override send<Output>(command: object): Promise<Output> {
    const served = ROUTES.get(command.constructor);
    if (!served) return Promise.reject(new Error(`the simulated Account Management API does not serve ${command.constructor.name}`));
    const input = (command as { readonly input: AccountRequest }).input;
    const caller = SdkBoundary.caller(this.options, () => ({
      operation: served.operation,
      kind: (input.AlternateContactType as ContactKind | undefined) ?? 'PRIMARY',
      ...(input.AccountId !== undefined ? { accountId: input.AccountId } : {}),
    }));
    return this.boundary.send(() => served.route(this.service, input, caller)) as Promise<Output>;
  }
}
