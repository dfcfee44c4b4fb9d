import { MemberAccount, SyncConfig } from '@contact-sync/domain';
import { InMemoryAuditLog } from './in-memory-audit-log';
import { InMemoryContacts } from './in-memory-contacts';
import { InMemoryKeyedHash } from './in-memory-keyed-hash';
import { InMemoryLogger } from './in-memory-logger';
import { InMemoryMetrics } from './in-memory-metrics';
import { InMemoryNotifier } from './in-memory-notifier';
import { InMemoryOrganization } from './in-memory-organization';
import { InMemorySyncConfig } from './in-memory-sync-config';
import { InMemorySyncState } from './in-memory-sync-state';
import { InMemoryWorkQueue } from './in-memory-work-queue';
import { OrganizationModel } from './organization-model';
import { SeededRandom } from './seeded-random';
import { AccountServiceBehaviour, DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR, SimulatedAccountService } from './simulated-account-service';
import {
  DEFAULT_ORGANIZATIONS_BEHAVIOUR,
  OrganizationsServiceBehaviour,
  SimulatedOrganizationsService,
} from './simulated-organizations-service';
import { VirtualTime } from './virtual-time';

/** Everything a simulated organization is made of. */
export interface SimulationOptions {
  readonly accounts: readonly MemberAccount[];
  readonly seed: number;
  readonly config: SyncConfig;
  readonly behaviour?: Partial<AccountServiceBehaviour>;
  readonly organizations?: Partial<OrganizationsServiceBehaviour>;
  readonly logSink?: (line: string) => void;
}

/** A whole simulated AWS: the services, their model, virtual time, and every port on top of them. */
export interface SimulatedAws {
  readonly time: VirtualTime;
  readonly random: SeededRandom;
  readonly model: OrganizationModel;
  readonly accountService: SimulatedAccountService;
  readonly organizationsService: SimulatedOrganizationsService;
  readonly contacts: InMemoryContacts;
  readonly organization: InMemoryOrganization;
  readonly syncConfig: InMemorySyncConfig;
  readonly syncState: InMemorySyncState;
  readonly auditLog: InMemoryAuditLog;
  readonly workQueue: InMemoryWorkQueue;
  readonly notifier: InMemoryNotifier;
  readonly logger: InMemoryLogger;
  readonly metrics: InMemoryMetrics;
  /** The audit fingerprints' keyed hash, under the simulated deployment's key. */
  readonly keyedHash: InMemoryKeyedHash;
}

/** Builds the simulated AWS that composition roots bind the ports to (no container here). */
export function createSimulatedAws(options: SimulationOptions): SimulatedAws {
  const random = new SeededRandom(options.seed);
  const time = new VirtualTime();
  const model = new OrganizationModel(options.accounts);
  const accountService = new SimulatedAccountService(model, time, time, random, {
    ...DEFAULT_ACCOUNT_SERVICE_BEHAVIOUR,
    ...options.behaviour,
  });
  const organizationsService = new SimulatedOrganizationsService(model, random, time, {
    ...DEFAULT_ORGANIZATIONS_BEHAVIOUR,
    ...options.organizations,
  });
  return {
    time,
    random,
    model,
    accountService,
    organizationsService,
    contacts: new InMemoryContacts(accountService),
    organization: new InMemoryOrganization(organizationsService, { sleeper: time, random }),
    syncConfig: new InMemorySyncConfig(options.config),
    syncState: new InMemorySyncState(),
    auditLog: new InMemoryAuditLog(time),
    workQueue: new InMemoryWorkQueue(),
    notifier: new InMemoryNotifier(),
    logger: new InMemoryLogger(options.logSink),
    metrics: new InMemoryMetrics(),
    keyedHash: new InMemoryKeyedHash(),
  };
}
