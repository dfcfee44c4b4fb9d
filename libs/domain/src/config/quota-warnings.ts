import { FieldIssue } from '../shared/field-issue';
import { SyncConfig } from './sync-config';
import { CONTACT_OPERATIONS } from '../contacts/contact-operation';
import { DEFAULT_RATE_SETTINGS } from './rate-settings';

/**
 * The rates of a valid configuration that go above the documented Account Management quotas. Such a
 * configuration is accepted (an account may have a raised quota), but unless the quota was raised the
 * service throttles: runs slow down and retry instead of going faster. Each warning names the field.
 */
export function quotaWarnings(config: SyncConfig): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  for (const operation of CONTACT_OPERATIONS) {
    const quota = DEFAULT_RATE_SETTINGS[operation];
    const limit = config.rates[operation];
    if (limit.ratePerSecond > quota.ratePerSecond) {
      warnings.push({
        field: `rates.${operation}.ratePerSecond`,
        rule: `is above the documented quota of ${quota.ratePerSecond} per second: unless this account's quota was raised, the service will throttle`,
      });
    }
    if (limit.burst > quota.burst) {
      warnings.push({
        field: `rates.${operation}.burst`,
        rule: `is above the documented burst of ${quota.burst}: unless this account's quota was raised, the service will throttle`,
      });
    }
  }
  return warnings;
}
