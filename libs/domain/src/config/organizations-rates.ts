import { RateLimit, shareRateLimit } from './rate-settings';

/** The Organizations operations the organization adapters call (and ListAccounts, which the issue names). */
export const ORGANIZATIONS_RATE_OPERATIONS = [
  'ListAccounts',
  'ListAccountsForParent',
  'ListOrganizationalUnitsForParent',
  'ListParents',
  'ListTagsForResource',
  'DescribeAccount',
  'DescribeOrganization',
  'ListRoots',
] as const;

/** One of {@link ORGANIZATIONS_RATE_OPERATIONS}. */
export type OrganizationsRateOperation = (typeof ORGANIZATIONS_RATE_OPERATIONS)[number];

/**
 * Who shares a quota: every caller in the organization (`organization`), or each calling account on
 * its own (`account`).
 */
export type OrganizationsRateScope = 'account' | 'organization';

/** One Organizations operation's throttling rate, who shares it, and where the figure comes from. */
export interface OrganizationsRate extends RateLimit {
  /** Who shares the quota (the page: the whole organization unless it says otherwise). */
  readonly scope: OrganizationsRateScope;
  /**
   * `documented`: the figure of the Organizations quotas page; `conservative`: the page gave none we
   * could read, so this is a figure below anything Organizations was seen to allow, said to be one.
   */
  readonly basis: 'documented' | 'conservative';
}

/** Where the rates were looked up. */
export const ORGANIZATIONS_QUOTAS_PAGE = 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html';

/**
 * The throttling rate of every Organizations operation the product calls, one table for the
 * simulator (which throttles at it) and the product (which paces at it).
 *
 * Source: {@link ORGANIZATIONS_QUOTAS_PAGE}, read 2026-12-08. The page says its limits apply at the
 * organization level unless it says otherwise, so every row is per organization. The copy of the page
 * that could be read holds its maximums, handshake expiries and policy counts but not the per-operation
 * figures of its throttling section, so every row below is a conservative figure, marked as such,
 * until someone reads that section and replaces it:
 * - ListTagsForResource 5/s, burst 5: the quota the simulator has modelled since tag rules came in;
 *   the product paced at 4/s under it and was never throttled.
 * - The list calls 10/s, burst 10 each: what the simulator answers all list calls together at, and
 *   what the tree walk of a 10,000-member organization was measured at.
 * - DescribeAccount 10/s, burst 20; DescribeOrganization and ListRoots 1/s, burst 5 (asked once a run).
 */
export const ORGANIZATIONS_RATES: Readonly<Record<OrganizationsRateOperation, OrganizationsRate>> = Object.freeze({
  ListAccounts: Object.freeze({ ratePerSecond: 10, burst: 10, scope: 'organization', basis: 'conservative' }),
  ListAccountsForParent: Object.freeze({ ratePerSecond: 10, burst: 10, scope: 'organization', basis: 'conservative' }),
  ListOrganizationalUnitsForParent: Object.freeze({ ratePerSecond: 10, burst: 10, scope: 'organization', basis: 'conservative' }),
  ListParents: Object.freeze({ ratePerSecond: 10, burst: 10, scope: 'organization', basis: 'conservative' }),
  ListTagsForResource: Object.freeze({ ratePerSecond: 5, burst: 5, scope: 'organization', basis: 'conservative' }),
  DescribeAccount: Object.freeze({ ratePerSecond: 10, burst: 20, scope: 'organization', basis: 'conservative' }),
  DescribeOrganization: Object.freeze({ ratePerSecond: 1, burst: 5, scope: 'organization', basis: 'conservative' }),
  ListRoots: Object.freeze({ ratePerSecond: 1, burst: 5, scope: 'organization', basis: 'conservative' }),
} satisfies Record<OrganizationsRateOperation, OrganizationsRate>);

/**
 * The limit one of `workers` processes paces `operation` at: the table's rate and burst with one token
 * of the burst held back (a request arriving a little early must not be throttled), shared as the
 * workers share the Account Management quotas, `1/workers` each, so that together they stay under it.
 */
export function organizationsReadLimitFor(
  operation: OrganizationsRateOperation,
  workers: number,
  rates: Readonly<Record<OrganizationsRateOperation, RateLimit>> = ORGANIZATIONS_RATES,
): RateLimit {
  const { ratePerSecond, burst } = rates[operation];
  return shareRateLimit({ ratePerSecond, burst: Math.max(1, burst - 1) }, workers);
}
