import * as organizations from '@aws-sdk/client-organizations';
import { SdkBoundary, ServiceExceptions, SimulatedClientOptions } from './sdk-boundary';
import { Caller } from './service-answers';
import { SimulatedOrganizationsService } from './simulated-organizations-service';

/** Organizations' exceptions, as `@aws-sdk/client-organizations` models them. */
const ORGANIZATIONS_EXCEPTIONS: ServiceExceptions = { exports: organizations, base: organizations.OrganizationsServiceException };

// Each command's input, as the service reads it (the SDK's input types, which the adapter fills).
type Input = never;
type Route = (service: SimulatedOrganizationsService, input: Input, caller: Caller) => Promise<object>;

/** The service's answer to each command the organization adapter sends, by the command's class. */
const ROUTES = new Map<unknown, Route>([
  [organizations.ListAccountsCommand, (s, input: organizations.ListAccountsRequest, caller) => s.listAccounts(input, caller)],
  [
    organizations.ListAccountsForParentCommand,
    (s, input: organizations.ListAccountsForParentRequest, caller) => s.listAccountsForParent(input, caller),
  ],
  [
    organizations.ListOrganizationalUnitsForParentCommand,
    (s, input: organizations.ListOrganizationalUnitsForParentRequest, caller) => s.listOrganizationalUnitsForParent(input, caller),
  ],
  [organizations.ListParentsCommand, (s, input: organizations.ListParentsRequest, caller) => s.listParents(input, caller)],
  [
    organizations.ListTagsForResourceCommand,
    (s, input: organizations.ListTagsForResourceRequest, caller) => s.listTagsForResource(input, caller),
  ],
  [organizations.DescribeAccountCommand, (s, input: organizations.DescribeAccountRequest, caller) => s.describeAccount(input, caller)],
  [organizations.DescribeOrganizationCommand, (s, _input, caller) => s.describeOrganization(caller)],
  [organizations.ListRootsCommand, (s, _input, caller) => s.listRoots(caller)],
]);

/**
 * An `OrganizationsClient` whose requests the simulated Organizations API serves: the real
 * organization adapter (and the SDK's paginator, which asks for an `OrganizationsClient`) sends it
 * the SDK's commands and gets the SDK's outputs (with `$metadata`) and exceptions, with the SDK's
 * standard retries as its configuration sets them, waited on the simulation's virtual clock.
 */
export class SimulatedOrganizationsClient extends organizations.OrganizationsClient {
  private readonly boundary: SdkBoundary;

  constructor(
    private readonly service: SimulatedOrganizationsService,
    configuration: organizations.OrganizationsClientConfig,
    private readonly options: SimulatedClientOptions<never>,
  ) {
    super(configuration);
    this.boundary = new SdkBoundary(ORGANIZATIONS_EXCEPTIONS, options.retryClock, this.config, () => service.requestIds.nextAnswer());
  }

  /** Serves the command from the simulated service, as the SDK would send it over HTTP; a command it does not serve is a bug in the caller. */
  override send<Output>(command: object): Promise<Output> {
    const route = ROUTES.get(command.constructor);
    if (!route) return Promise.reject(new Error(`the simulated Organizations API does not serve ${command.constructor.name}`));
    const input = (command as { readonly input: Input }).input;
    const caller: Caller = this.options.allows ? { allows: this.options.allows } : {};
    return this.boundary.send(() => route(this.service, input, caller)) as Promise<Output>;
  }
}
