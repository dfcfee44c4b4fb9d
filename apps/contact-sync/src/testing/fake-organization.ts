import {
  AccessDeniedException,
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
  PutContactInformationCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-account';
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { AwsClientStub } from 'aws-sdk-client-mock';

export const MANAGEMENT = '111111111111';
const metadata = { requestId: 'req-fake', httpStatusCode: 400 };

/** One member of the fake organization. */
export interface FakeAccount {
  readonly id: string;
  readonly state: 'ACTIVE' | 'SUSPENDED';
}

/**
 * The Account Management and Organizations APIs, answered from memory through aws-sdk-client-mock:
 * enough of AWS for handler tests to drive the whole flow. `denied` accounts refuse every write.
 */
export class FakeOrganization {
  /** `${accountId}#${kind}` → the stored contact, in the API's shape. */
  readonly contacts = new Map<string, Record<string, string>>();
  readonly denied = new Set<string>();

  constructor(readonly accounts: readonly FakeAccount[]) {}

  contact(accountId: string, kind: string): Record<string, string> | undefined {
    return this.contacts.get(`${accountId}#${kind}`);
  }

  install(account: AwsClientStub<AccountClient>, organizations: AwsClientStub<OrganizationsClient>): void {
    const key = (input: { AccountId?: string }, kind: string) => `${input.AccountId ?? MANAGEMENT}#${kind}`;
    const notFound = () => new ResourceNotFoundException({ message: 'not set', $metadata: metadata });
    const refuse = (input: { AccountId?: string }) => {
      if (input.AccountId && this.denied.has(input.AccountId)) throw new AccessDeniedException({ message: 'denied', $metadata: metadata });
    };
    account.on(GetAlternateContactCommand).callsFake((input) => {
      const found = this.contacts.get(key(input, input.AlternateContactType));
      if (!found) throw notFound();
      return { AlternateContact: { ...found, AlternateContactType: input.AlternateContactType } };
    });
    account.on(GetContactInformationCommand).callsFake((input) => {
      const found = this.contacts.get(key(input, 'PRIMARY'));
      if (!found) throw notFound();
      return { ContactInformation: found };
    });
    account.on(PutAlternateContactCommand).callsFake((input) => {
      refuse(input);
      const { AccountId: _a, AlternateContactType, ...contact } = input;
      this.contacts.set(key(input, AlternateContactType), contact);
      return {};
    });
    account.on(PutContactInformationCommand).callsFake((input) => {
      refuse(input);
      this.contacts.set(key(input, 'PRIMARY'), input.ContactInformation);
      return {};
    });
    account.on(DeleteAlternateContactCommand).callsFake((input) => {
      refuse(input);
      if (!this.contacts.delete(key(input, input.AlternateContactType))) throw notFound();
      return {};
    });
    const all = [{ id: MANAGEMENT, state: 'ACTIVE' }, ...this.accounts].map((a) => ({
      Id: a.id,
      Name: `account-${a.id}`,
      State: a.state,
      JoinedTimestamp: new Date('2025-01-01T00:00:00.000Z'),
      Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-test/${a.id}`,
    }));
    organizations.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-test', MasterAccountId: MANAGEMENT } });
    organizations.on(ListAccountsCommand).callsFake((input) => {
      const start = Number(input.NextToken ?? 0);
      const end = start + (input.MaxResults ?? 20);
      return { Accounts: all.slice(start, end), ...(end < all.length ? { NextToken: String(end) } : {}) };
    });
    organizations.on(DescribeAccountCommand).callsFake((input) => ({ Account: all.find((a) => a.Id === input.AccountId) }));
  }
}

export const securityContact = (name: string) => ({
  Name: name,
  Title: 'Security lead',
  EmailAddress: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
  PhoneNumber: '+1 206 555 0100',
});
