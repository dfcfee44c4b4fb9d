// Detect a change from a CloudTrail event, diff two contacts, and plan a sync on your own ports.
import {
  AlternateContact,
  ContactApiError,
  DEFAULT_SYNC_CONFIG,
  detectContactChange,
  diffContact,
  exclusionReason,
  resilientContactsFor,
} from '@contact-sync/domain';

// 1. A contact write on the management account, as EventBridge delivers CloudTrail's record of it,
//    read against the management account's id: a write recorded in another account is refused.
const detected = detectContactChange(
  {
    source: 'aws.account',
    'detail-type': 'AWS API Call via CloudTrail',
    account: '111111111111',
    detail: {
      eventSource: 'account.amazonaws.com',
      eventName: 'PutAlternateContact',
      eventID: 'c0ffee00-0000-4000-8000-000000000001',
      eventTime: '2026-11-22T10:00:00Z',
      recipientAccountId: '111111111111',
      userIdentity: { arn: 'arn:aws:sts::111111111111:assumed-role/Admin/operator' },
      requestParameters: { alternateContactType: 'SECURITY' },
    },
  },
  '111111111111',
);
if (!detected.ok) throw new Error(`not a contact change: ${detected.error.message}`);
const change = detected.value;
console.log(`change: ${change.action} ${change.kind} on ${change.managementAccountId}`);

// 2. Two contacts compared: validated on the way in (AlternateContact.parse names each broken rule).
const security = (/** @type {string} */ EmailAddress) =>
  AlternateContact.of({ AlternateContactType: 'SECURITY', Name: 'Sam Secure', Title: 'CISO', EmailAddress, PhoneNumber: '+1 555 0100' });
console.log(`diff: ${diffContact(security('sam@example.com'), security('old@example.com'), false).action}`);

// 3. A plan on your own ports: an organization and a contacts API in memory. The first read of one
//    member is throttled, and the domain's resilient contacts pace, retry and count it.
const MANAGEMENT = '111111111111';
/** @type {Map<string, import('@contact-sync/domain').ContactValue>} */
const stored = new Map([
  [MANAGEMENT, security('sam@example.com')],
  ['222222222222', security('old@example.com')],
  ['333333333333', security('sam@example.com')],
]);
/** @type {(id: string) => import('@contact-sync/domain').MemberAccount} */
const account = (id) => ({
  id,
  name: id,
  state: 'ACTIVE',
  joinedAt: '2024-01-01T00:00:00Z',
  isManagement: id === MANAGEMENT,
});
/** @type {import('@contact-sync/domain').OrganizationPort} */
const organization = {
  async *accountPages() {
    yield { accounts: [...stored.keys()].map(account) };
  },
  describeAccount: async (id) => (stored.has(id) ? account(id) : undefined),
  managementAccountId: async () => MANAGEMENT,
};
let throttled = false;
/** @type {import('@contact-sync/domain').ContactsPort} */
const memoryContacts = {
  async read(_kind, accountId = MANAGEMENT) {
    if (accountId === '333333333333' && !throttled) {
      throttled = true;
      throw new ContactApiError('THROTTLED', 'GetAlternateContact');
    }
    return stored.get(accountId);
  },
  async write(value, accountId = MANAGEMENT) {
    stored.set(accountId, value);
  },
  async remove(_type, accountId = MANAGEMENT) {
    // Tells a delete that changed something from one that found nothing to delete.
    return stored.delete(accountId) ? 'REMOVED' : 'ABSENT';
  },
};
const retries = { count: 0 };
const contacts = resilientContactsFor({
  contacts: memoryContacts,
  rates: DEFAULT_SYNC_CONFIG.rates,
  clock: { now: () => Date.now() },
  sleeper: { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  random: { next: () => 0.5 },
  metrics: {
    add(name) {
      if (name === 'Retries') retries.count += 1;
    },
    flush: () => Promise.resolve(),
  },
});

const desired = (await contacts.read(change.kind)).value;
for await (const page of organization.accountPages()) {
  // Every ACTIVE member that the configuration does not exclude (never the management account).
  for (const member of page.accounts.filter((a) => exclusionReason(a, DEFAULT_SYNC_CONFIG) === undefined)) {
    const current = (await contacts.read(change.kind, member.id)).value;
    console.log(`plan: ${member.id} ${change.kind} ${diffContact(desired, current, DEFAULT_SYNC_CONFIG.propagateDeletions).action}`);
  }
}
console.log(`retries: ${retries.count}`);
