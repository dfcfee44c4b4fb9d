import {
  ACCOUNT_STATES,
  AccountState,
  AlternateContactType,
  CONTACT_KINDS,
  ContactKind,
  isDeletableKind,
  MemberAccount,
} from '@contact-sync/domain';
import { OrganizationModel, StoredContact } from './organization-model';
import { SeededRandom } from './seeded-random';

const FIRST = ['Avery', 'Jordan', 'Sam', 'Priya', 'Mateo', 'Aiko', 'Noor', 'Lena', 'Kofi', 'Ines', 'Ravi', 'Chen', 'Olga', 'Tomás', 'Zara'];
const LAST = ['Quinn', 'Reyes', 'Okafor', 'Sato', 'Müller', 'Haddad', 'Larsen', 'Gupta', 'Moreau', 'Silva', 'Novak', 'Kim', 'Walsh'];
const TITLES: Record<AlternateContactType, string[]> = {
  BILLING: ['Finance Lead', 'Accounts Payable', 'FinOps Manager'],
  OPERATIONS: ['SRE Lead', 'Platform Operations', 'On-call Manager'],
  SECURITY: ['CISO', 'Security Operations', 'Incident Response Lead'],
};
const CITIES = [
  { City: 'Seattle', StateOrRegion: 'WA', PostalCode: '98109', CountryCode: 'US' },
  { City: 'Dublin', StateOrRegion: 'Leinster', PostalCode: 'D02 X285', CountryCode: 'IE' },
  { City: 'Berlin', StateOrRegion: 'Berlin', PostalCode: '10117', CountryCode: 'DE' },
  { City: 'Tokyo', StateOrRegion: 'Tokyo', PostalCode: '141-0021', CountryCode: 'JP' },
];

/** How the built-in organization is generated. */
export interface OrganizationSpec {
  readonly members: number;
  /** Fraction of member contacts that differ from the management account's. */
  readonly drift: number;
  /** Fraction of member alternate contacts that are unset. */
  readonly unset: number;
}

export const DEFAULT_ORGANIZATION: OrganizationSpec = { members: 1000, drift: 0.3, unset: 0.1 };

/** A person's name, email address and phone number, from which a contact of any kind is made. */
interface Person {
  readonly name: string;
  readonly email: string;
  readonly phone: string;
}

/** A contact in the shape of an alternate contact of `type`. */
const alternateContact =
  (type: AlternateContactType) =>
  ({ name, email, phone }: Person, random: SeededRandom): StoredContact => ({
    AlternateContactType: type,
    Name: name,
    Title: random.pick(TITLES[type]),
    EmailAddress: email,
    PhoneNumber: phone,
  });

/** How a contact of each kind is made up, in its value class's shape: the compiler asks for one for every kind. */
const CONTACT_MAKERS: Readonly<Record<ContactKind, (person: Person, random: SeededRandom) => StoredContact>> = {
  PRIMARY: ({ name, phone }, random) => ({
    FullName: name,
    AddressLine1: `${random.int(1, 999)} Example Street`,
    ...random.pick(CITIES),
    PhoneNumber: phone,
    CompanyName: 'Example Corp',
  }),
  BILLING: alternateContact('BILLING'),
  OPERATIONS: alternateContact('OPERATIONS'),
  SECURITY: alternateContact('SECURITY'),
};

/** A realistic contact of `kind` drawn from `random`. */
export function randomContact(kind: ContactKind, random: SeededRandom, tag = ''): StoredContact {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const email = `${first}.${last}${tag}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9.]/g, '');
  const phone = `+1 206-555-${String(random.int(0, 9999)).padStart(4, '0')}`;
  return CONTACT_MAKERS[kind]({ name: `${first} ${last}`, email: `${email}@example.com`, phone }, random);
}

/** A 12-digit account id from a number. */
export const accountId = (n: number): string => String(100000000000 + n);

/** The accounts of a generated organization: one management account and `members` members, a few not ACTIVE. */
export function generateAccounts(spec: OrganizationSpec, random: SeededRandom): MemberAccount[] {
  const accounts: MemberAccount[] = [
    { id: accountId(0), name: 'management', state: 'ACTIVE', joinedAt: '2016-03-01T00:00:00.000Z', isManagement: true },
  ];
  for (let i = 1; i <= spec.members; i += 1) {
    const roll = random.next();
    const state: AccountState =
      roll < 0.01 ? 'SUSPENDED' : roll < 0.015 ? 'PENDING_CLOSURE' : roll < 0.017 ? (ACCOUNT_STATES[0] as AccountState) : 'ACTIVE';
    const joined = new Date(Date.UTC(2017, 0, 1) + random.int(0, 3000) * 86_400_000).toISOString();
    accounts.push({ id: accountId(i), name: `workload-${String(i).padStart(5, '0')}`, state, joinedAt: joined, isManagement: false });
  }
  return accounts;
}

/** Gives the management account every contact, and members the same values with some drift. */
export function seedContacts(model: OrganizationModel, spec: OrganizationSpec, random: SeededRandom, nowMs: number): void {
  const management = model.managementAccountId;
  const desired = new Map(CONTACT_KINDS.map((kind) => [kind, randomContact(kind, random)]));
  for (const [kind, value] of desired) model.write(management, kind, value, nowMs);
  for (const account of model.listAccounts()) {
    if (account.isManagement) continue;
    for (const kind of CONTACT_KINDS) {
      const roll = random.next();
      // Only a kind the API can unset is ever found unset.
      if (isDeletableKind(kind) && roll < spec.unset) continue;
      const value =
        roll < spec.unset + spec.drift ? randomContact(kind, random, `.${account.id.slice(-4)}`) : (desired.get(kind) as StoredContact);
      model.write(account.id, kind, value, nowMs);
    }
  }
}

/** The generated organization's OUs: the usual landing-zone layout, with Sandbox's Hackathons nested in it and a team OU per 250 members under each environment. */
export const GENERATED_UNITS = {
  security: 'ou-sim0-security',
  infrastructure: 'ou-sim0-infrastructure',
  workloads: 'ou-sim0-workloads',
  production: 'ou-sim0-production',
  nonProduction: 'ou-sim0-nonproduction',
  sandboxes: 'ou-sim0-sandboxes',
  hackathons: 'ou-sim0-hackathons',
  suspended: 'ou-sim0-suspended',
} as const;

/** The tag that opts an account out, as the AWS Security Reference Architecture's alternate-contacts solution suggests. */
export const OPT_OUT_TAG = { key: 'contact-sync:exclude', value: 'true' } as const;

/** The id of the `n`th team OU (from 1) under Production or NonProduction. */
export const teamUnitId = (environment: 'prod' | 'dev', n: number): string => `ou-sim0-${environment}team${String(n).padStart(4, '0')}`;

/**
 * Arranges a model's members in a tree of OUs and tags them, drawing from its own `random` so that
 * the accounts and contacts drawn before stay the same: 2% Security, 4% Infrastructure, 45% in
 * Production's and 30% in NonProduction's team OUs, 8% in Sandbox and 3% in Sandbox/Hackathons, 3%
 * in Suspended, the rest (and the management account) in the root. Each member is tagged `env`, a
 * workload member `team`, and 3% `contact-sync:exclude=true`.
 */
export function generateStructure(model: OrganizationModel, random: SeededRandom): void {
  const tree = model.tree;
  const u = GENERATED_UNITS;
  tree.addUnit(u.security);
  tree.addUnit(u.infrastructure);
  tree.addUnit(u.workloads);
  tree.addUnit(u.production, u.workloads);
  tree.addUnit(u.nonProduction, u.workloads);
  tree.addUnit(u.sandboxes);
  tree.addUnit(u.hackathons, u.sandboxes);
  tree.addUnit(u.suspended);
  const members = model.listAccounts().filter((a) => !a.isManagement);
  const teams = Math.max(1, Math.round(members.length / 250));
  for (let n = 1; n <= teams; n += 1) {
    tree.addUnit(teamUnitId('prod', n), u.production);
    tree.addUnit(teamUnitId('dev', n), u.nonProduction);
  }
  for (const account of members) {
    const roll = random.next();
    const team = random.int(1, teams);
    const [unit, tags]: [string | undefined, Record<string, string>] =
      roll < 0.02
        ? [u.security, { env: 'prod' }]
        : roll < 0.06
          ? [u.infrastructure, { env: 'prod' }]
          : roll < 0.51
            ? [teamUnitId('prod', team), { env: 'prod', team: `team${team}` }]
            : roll < 0.81
              ? [teamUnitId('dev', team), { env: 'dev', team: `team${team}` }]
              : roll < 0.89
                ? [u.sandboxes, { env: 'sandbox' }]
                : roll < 0.92
                  ? [u.hackathons, { env: 'sandbox' }]
                  : roll < 0.95
                    ? [u.suspended, { env: 'none' }]
                    : [undefined, { env: 'prod' }];
    if (unit) tree.place(account.id, unit);
    if (random.next() < 0.03) tags[OPT_OUT_TAG.key] = OPT_OUT_TAG.value;
    tree.setTags(account.id, tags);
  }
}
