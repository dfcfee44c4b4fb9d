/** Contract suites: the behaviour each port promises, run against every adapter of that port. */
export * from './audit-log.contract';
export * from './failed-events.contract';
export * from './fixtures';
export * from './keyed-hash.contract';
export * from './sync-config.contract';
export * from './sync-state.contract';
