export * from './scenarios';
export * from './simulation';
export * from './deployed-system';
export * from './invariants';
export * from './joining-accounts';
export * from './attributed-contacts';
export * from './composition';
