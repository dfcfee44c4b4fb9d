import { ALTERNATE_CONTACT_TYPES, DEFAULT_ACCOUNTS_PER_ITEM, parseWorkItem, WorkItem } from '@contact-sync/domain';
import { accountIdFor } from './fixtures';

// The one place the contracts know a work item's fields. When WorkItem changes shape, change only
// this file: the work queue contract compares what arrives with what was sent as a whole.

/** `count` work items of one run, as the domain builds them: full items of accounts, ids in order. */
export function workItemsFor(runId: string, count: number): WorkItem[] {
  return Array.from({ length: count }, (_, i) => ({
    runId,
    itemId: `${runId}-item-${i}`,
    accountIds: Array.from({ length: DEFAULT_ACCOUNTS_PER_ITEM }, (__, j) => accountIdFor(i * DEFAULT_ACCOUNTS_PER_ITEM + j + 1)),
    kinds: ['SECURITY'],
    desired: { SECURITY: { AlternateContactType: 'SECURITY', Name: 'Sam Secure', Title: 'CISO', EmailAddress: 'sam@example.com', PhoneNumber: '+1 206 555 0100' } },
    propagateDeletions: false,
    dryRun: false,
    initiator: 'arn:aws:iam::111111111111:user/alice',
  }));
}

/** The largest work item the domain builds: a full item, every kind, every value at the API's longest. */
export function largestWorkItem(runId: string): WorkItem {
  const [item] = workItemsFor(runId, 1) as [WorkItem];
  const longest = (n: number) => 'x'.repeat(n);
  const alternates = Object.fromEntries(
    ALTERNATE_CONTACT_TYPES.map((type) => [type, { AlternateContactType: type, Name: longest(64), Title: longest(50), EmailAddress: `${longest(240)}@example.com`, PhoneNumber: `+${'1'.repeat(24)}` }]),
  );
  const address = (n: number) => longest(n);
  const primary = {
    FullName: longest(50),
    AddressLine1: address(60),
    AddressLine2: address(60),
    AddressLine3: address(60),
    City: longest(50),
    StateOrRegion: longest(50),
    DistrictOrCounty: longest(50),
    PostalCode: longest(20),
    CountryCode: 'US',
    PhoneNumber: `+${'1'.repeat(19)}`,
    CompanyName: longest(50),
    WebsiteUrl: `https://${longest(240)}.example`,
  };
  return { ...item, itemId: `${runId}-largest`, kinds: ['PRIMARY', ...ALTERNATE_CONTACT_TYPES], desired: { PRIMARY: primary, ...alternates }, propagateDeletions: true, initiator: longest(200) };
}

/** A message body read back as a worker reads it; throws when the worker would refuse it. */
export function readWorkItem(body: string): WorkItem {
  const parsed = parseWorkItem(body);
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
