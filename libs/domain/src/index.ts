/**
 * The domain of Contact Sync for AWS Organizations: contact values with the Account Management API's
 * rules, change detection from CloudTrail events, target selection and diffing, resilience around
 * the contacts API, the use cases, and the ports they need. No AWS SDK, no I/O: you bring the ports.
 *
 * @module @contact-sync/domain
 */
export * from './shared/result';
export * from './shared/counts';
export * from './shared/domain-error';
export * from './shared/field-issue';
export * from './shared/validation-error';
export * from './shared/service-error-code';
export { FieldChecker, isRecord, type PatternRule } from './shared/field-rules';
export * from './contacts/contact-kind';
export * from './contacts/alternate-contact';
export * from './contacts/contact-information';
export * from './contacts/contact-value';
export * from './contacts/country-codes';
export * from './accounts/account-id';
export * from './accounts/member-account';
export * from './config/quota-warnings';
export * from './config/rate-settings';
export * from './config/sync-config';
export * from './config/config-widening';

export * from './changes/contact-change';
export * from './changes/change-rejection';
export * from './changes/detect-contact-change';
export * from './changes/detect-new-account';
export * from './changes/detect-account-change';
export * from './changes/scheduled-reconcile';
export * from './sync/select-targets';
export * from './targeting/targeting-rules';
export * from './targeting/organization-walk';
export * from './targeting/tag-reader';
export * from './targeting/placement';
export * from './sync/diff-contact';
export * from './resilience/contact-api-error';
export * from './resilience/contact-api-error-of';
export * from './resilience/retry-policy';
export * from './resilience/call-with-retry';
export * from './resilience/token-bucket';
export * from './resilience/adaptive-rate-limiter';
export * from './resilience/circuit-breaker';
export * from './ports/clock.port';
export * from './ports/random.port';
export * from './ports/sleeper.port';
export * from './ports/organization.port';
export * from './ports/organization-structure.port';
export * from './ports/contacts.port';
export * from './ports/sync-config.port';
export * from './ports/sync-state.port';
export * from './ports/audit-log.port';
export * from './ports/work-queue.port';
export * from './ports/notifier.port';
export * from './ports/failed-events.port';
export * from './ports/logger.port';
export * from './ports/keyed-hash.port';
export * from './ports/metrics.port';
export * from './fingerprints/fingerprint';
export * from './resilience/resilient-contacts';
export * from './sync/run-trigger';
export * from './sync/sync-run';
export * from './sync/work-item';
export * from './sync/kind-head';
export * from './sync/write-doubt';
export * from './sync/change-coverage';
export * from './sync/desired-values';
export * from './resilience/interruption';
export * from './sync/parse-work-item';
export * from './sync/account-outcome';
export * from './sync/audit-entry';
export * from './sync/run-report';
export * from './sync/build-run-report';
export * from './sync/audit-query-rules';
export * from './use-cases/launch-run';
export * from './use-cases/finish-run';
export * from './use-cases/process-work-item';
export * from './use-cases/start-sync-from-change';
export * from './use-cases/onboard-account';
export * from './use-cases/reevaluate-account';
export * from './use-cases/converge-configuration';
export * from './use-cases/resync-cost';
export * from './use-cases/reconcile';
export * from './use-cases/sweep-runs';
export * from './use-cases/verify-doubted-writes';
export * from './use-cases/replay-failed-events';
export * from './use-cases/explain-targeting';
