/** Contract suites: the behaviour each port promises, run against every adapter of that port. */
export * from './audit-log.contract';
export * from './cipher.contract';
export * from './contacts.contract';
export * from './failed-events.contract';
export * from './fixtures';
export * from './keyed-hash.contract';
export * from './notifier.contract';
export * from './organization.contract';
export * from './organization-structure.contract';
export * from './personal-data';
export * from './sync-config.contract';
export * from './sync-state.contract';
export * from './work-items';
export * from './work-queue.contract';
