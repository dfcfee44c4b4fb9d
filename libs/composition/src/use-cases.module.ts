import {
  ContactFingerprints,
  ConvergeConfiguration,
  ExplainTargeting,
  FinishRun,
  LaunchRun,
  OnboardAccount,
  ProcessWorkItem,
  Reconcile,
  ReevaluateAccount,
  ReplayFailedEvents,
  ResilientContacts,
  resilientContactsFor,
  StartSyncFromChange,
  SweepRuns,
  TagReader,
} from '@contact-sync/domain';
import { ContainerModule } from 'inversify';
import { bindClass, bindResolved, TOKENS } from './tokens';

const {
  Clock,
  Sleeper,
  Random,
  KeyedHash,
  Logger,
  Metrics,
  Organization,
  OrganizationStructure,
  Contacts,
  SyncConfig,
  SyncState,
  AuditLog,
  WorkQueue,
} = TOKENS;

/**
 * The domain's use cases, each bound to its own class and built by its constructor from the ports:
 * every composition root loads this module, then binds the ports, their settings and `TOKENS.Rates`.
 * The worker is transient: one resolved from a child container that binds other resilient contacts
 * (the simulator attributes each item's writes to its run) takes everything else from the root.
 */
export const useCasesModule = new ContainerModule(({ bind }) => {
  bindClass(bind, ContactFingerprints, [KeyedHash]);
  bindResolved(
    bind,
    ResilientContacts,
    (contacts, rates, clock, sleeper, random, metrics) => resilientContactsFor({ contacts, rates, clock, sleeper, random, metrics }),
    [Contacts, TOKENS.Rates, Clock, Sleeper, Random, Metrics],
  );
  bindClass(bind, TagReader, [OrganizationStructure, TOKENS.TagReadLimit, Clock, Sleeper]);
  bindClass(bind, FinishRun, [SyncState, TOKENS.Notifier, Clock, Logger, Metrics]);
  bindClass(bind, LaunchRun, [
    Organization,
    OrganizationStructure,
    ResilientContacts,
    SyncState,
    SyncConfig,
    WorkQueue,
    FinishRun,
    Clock,
    Sleeper,
    Random,
    Logger,
    TOKENS.LaunchOptions,
  ]);
  bindClass(bind, StartSyncFromChange, [SyncConfig, SyncState, LaunchRun, Logger, Metrics]);
  bindClass(bind, ProcessWorkItem, [
    ResilientContacts,
    SyncState,
    SyncConfig,
    Organization,
    AuditLog,
    FinishRun,
    Clock,
    Logger,
    Metrics,
    ContactFingerprints,
    TagReader,
  ]).inTransientScope();
  bindClass(bind, OnboardAccount, [Organization, OrganizationStructure, TagReader, SyncConfig, LaunchRun, Clock]);
  bindClass(bind, ReevaluateAccount, [Organization, SyncConfig, SyncState, LaunchRun, Clock, Logger, Metrics]);
  bindClass(bind, ConvergeConfiguration, [SyncConfig, SyncState, LaunchRun, Clock, Logger]);
  bindClass(bind, Reconcile, [Organization, OrganizationStructure, SyncConfig, ResilientContacts, TagReader, LaunchRun, Clock]);
  bindClass(bind, ExplainTargeting, [Organization, OrganizationStructure, SyncConfig]);
  bindClass(bind, SweepRuns, [SyncState, LaunchRun, FinishRun, WorkQueue, Clock, Logger, Metrics, TOKENS.SweepOptions]);
  bindClass(bind, ReplayFailedEvents, [
    TOKENS.FailedEvents,
    StartSyncFromChange,
    OnboardAccount,
    Reconcile,
    ReevaluateAccount,
    Logger,
    Metrics,
  ]);
});
