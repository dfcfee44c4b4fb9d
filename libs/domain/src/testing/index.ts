/**
 * Test support for the domain and for the tools built on it: real-shaped CloudTrail events, a manual
 * clock, and fast-check arbitraries (these need `fast-check`, an optional peer dependency).
 *
 * @module @contact-sync/domain/testing
 */
export * from './cloudtrail-event-builder';
export * from './new-account-event-builder';
export * from './account-change-event-builder';
export * from './manual-time';
export * from './arbitraries';
export * from './organization-tree';
export * from './member';
