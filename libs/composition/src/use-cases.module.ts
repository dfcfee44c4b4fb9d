import {
  CancelRun,
  ContactFingerprints,
  DEFAULT_WRITE_TIMING,
  ConvergeConfiguration,
  ExplainTargeting,
  FinishRun,
  LaunchRun,
  OnboardAccount,
  PreviousValues,
  ProcessWorkItem,
  Reconcile,
  ReevaluateAccount,
  ReplayFailedEvents,
  ResilientContacts,
  resilientContactsFor,
  RollbackRun,
  StartSyncFromChange,
  SweepRuns,
  TagReader,
  VerifyDoubtedWrites,
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
  EventLedger,
  KindHeads,
  RunStore,
  ItemLedger,
  OutcomeLedger,
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
  bindClass(bind, PreviousValues, [TOKENS.Cipher, TOKENS.PreviousValueStore]);
  bind(TOKENS.WriteTiming).toConstantValue(DEFAULT_WRITE_TIMING);
  bindResolved(
    bind,
    ResilientContacts,
    (contacts, rates, clock, sleeper, random, metrics) => resilientContactsFor({ contacts, rates, clock, sleeper, random, metrics }),
    [Contacts, TOKENS.Rates, Clock, Sleeper, Random, Metrics],
  );
  bindClass(bind, TagReader, [OrganizationStructure, TOKENS.TagReadLimit, Clock, Sleeper]);
  bindClass(bind, FinishRun, [RunStore, ItemLedger, OutcomeLedger, TOKENS.Notifier, Clock, Logger, Metrics, AuditLog]);
  bindClass(bind, CancelRun, [RunStore, FinishRun, Clock, Logger, Metrics]);
  bindClass(bind, LaunchRun, [
    Organization,
    OrganizationStructure,
    ResilientContacts,
    KindHeads,
    RunStore,
    ItemLedger,
    OutcomeLedger,
    SyncConfig,
    WorkQueue,
    FinishRun,
    Clock,
    Sleeper,
    Random,
    Logger,
    TOKENS.LaunchOptions,
  ]);
  bindClass(bind, StartSyncFromChange, [
    Organization,
    SyncConfig,
    EventLedger,
    KindHeads,
    RunStore,
    LaunchRun,
    Logger,
    Metrics,
    Clock,
    TOKENS.WriteTiming,
  ]);
  bindClass(bind, ProcessWorkItem, [
    ResilientContacts,
    KindHeads,
    RunStore,
    ItemLedger,
    OutcomeLedger,
    SyncConfig,
    Organization,
    OrganizationStructure,
    AuditLog,
    FinishRun,
    Clock,
    Logger,
    Metrics,
    ContactFingerprints,
    TagReader,
    PreviousValues,
    TOKENS.WriteTiming,
  ]).inTransientScope();
  bindClass(bind, OnboardAccount, [Organization, OrganizationStructure, TagReader, SyncConfig, LaunchRun, Clock]);
  bindClass(bind, ReevaluateAccount, [Organization, SyncConfig, EventLedger, LaunchRun, Clock, Logger, Metrics]);
  bindClass(bind, ConvergeConfiguration, [SyncConfig, EventLedger, RunStore, LaunchRun, Clock, Logger]);
  bindClass(bind, Reconcile, [Organization, OrganizationStructure, SyncConfig, ResilientContacts, TagReader, LaunchRun, Clock]);
  bindClass(bind, RollbackRun, [
    RunStore,
    OutcomeLedger,
    ResilientContacts,
    PreviousValues,
    ContactFingerprints,
    AuditLog,
    FinishRun,
    Clock,
    Logger,
  ]);
  bindClass(bind, ExplainTargeting, [Organization, OrganizationStructure, SyncConfig]);
  bindClass(bind, VerifyDoubtedWrites, [OutcomeLedger, SyncConfig, LaunchRun, Clock, Logger, Metrics]);
  bindClass(bind, SweepRuns, [
    KindHeads,
    RunStore,
    ItemLedger,
    LaunchRun,
    FinishRun,
    WorkQueue,
    Clock,
    Logger,
    Metrics,
    VerifyDoubtedWrites,
    TOKENS.SweepOptions,
  ]);
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
