import {
  AlternateContactType,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeAccountCommand,
  ListParentsCommand,
  ListRootsCommand,
  MoveAccountCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { AwsClientOptions, createAccountClient, createOrganizationsClient } from '../clients';

/** An account created in moto, as Organizations reports it. */
export interface CreatedAccount {
  readonly id: string;
  readonly name: string;
  /** When it joined the organization, ISO-8601. */
  readonly joinedAt: string;
}

/** An organization created in moto. The caller (moto's default account) is its management account. */
export interface MotoOrganization {
  readonly organizationId: string;
  readonly management: CreatedAccount;
  /** In the order they were created, which is the order ListAccounts returns them in moto. */
  readonly members: readonly CreatedAccount[];
}

/** An alternate contact in the API's shape; not validated, so tests can store values that break the rules. */
export type RawAlternateContact = Readonly<Record<'AlternateContactType' | 'Name' | 'Title' | 'EmailAddress' | 'PhoneNumber', string>>;

/**
 * Creates an organization (all features) with `memberCount` member accounts named `member-<n>`,
 * through the Organizations API as an operator would.
 */
export async function createMotoOrganization(options: AwsClientOptions, memberCount: number): Promise<MotoOrganization> {
  const client = createOrganizationsClient(options);
  try {
    const { Organization } = await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const managementId = Organization?.MasterAccountId as string;
    const { Account } = await client.send(new DescribeAccountCommand({ AccountId: managementId }));
    const members: CreatedAccount[] = [];
    for (let n = 1; n <= memberCount; n += 1) {
      const name = `member-${n}`;
      const { CreateAccountStatus: status } = await client.send(
        new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }),
      );
      if (status?.State !== 'SUCCEEDED' || !status.AccountId) throw new Error(`CreateAccount for ${name} ended ${status?.State}`);
      members.push({ id: status.AccountId, name, joinedAt: (status.CompletedTimestamp as Date).toISOString() });
    }
    return {
      organizationId: Organization?.Id as string,
      management: { id: managementId, name: Account?.Name as string, joinedAt: (Account?.JoinedTimestamp as Date).toISOString() },
      members,
    };
  } finally {
    client.destroy();
  }
}

/** Closes a member account (moto moves it straight to SUSPENDED). */
export async function closeMotoAccount(options: AwsClientOptions, accountId: string): Promise<void> {
  const client = createOrganizationsClient(options);
  try {
    await client.send(new CloseAccountCommand({ AccountId: accountId }));
  } finally {
    client.destroy();
  }
}

/** Stores an alternate contact as given; `accountId` undefined means the management account. */
export async function putMotoAlternateContact(options: AwsClientOptions, contact: RawAlternateContact, accountId?: string): Promise<void> {
  const client = createAccountClient(options);
  try {
    await client.send(
      new PutAlternateContactCommand({
        ...contact,
        AlternateContactType: contact.AlternateContactType as AlternateContactType,
        ...(accountId ? { AccountId: accountId } : {}),
      }),
    );
  } finally {
    client.destroy();
  }
}

/** Deletes an alternate contact; `accountId` undefined means the management account. */
export async function deleteMotoAlternateContact(options: AwsClientOptions, type: string, accountId?: string): Promise<void> {
  const client = createAccountClient(options);
  try {
    await client.send(
      new DeleteAlternateContactCommand({
        AlternateContactType: type as AlternateContactType,
        ...(accountId ? { AccountId: accountId } : {}),
      }),
    );
  } finally {
    client.destroy();
  }
}

/** Reads an alternate contact as stored, without the adapters; undefined when it is not set. */
export async function getMotoAlternateContact(
  options: AwsClientOptions,
  type: string,
  accountId?: string,
): Promise<RawAlternateContact | undefined> {
  const client = createAccountClient(options);
  try {
    const { AlternateContact: found } = await client.send(
      new GetAlternateContactCommand({
        AlternateContactType: type as AlternateContactType,
        ...(accountId ? { AccountId: accountId } : {}),
      }),
    );
    return found as RawAlternateContact;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  } finally {
    client.destroy();
  }
}

/** The organization's root id. */
export async function motoRootId(options: AwsClientOptions): Promise<string> {
  const client = createOrganizationsClient(options);
  try {
    const { Roots } = await client.send(new ListRootsCommand({}));
    return Roots?.[0]?.Id as string;
  } finally {
    client.destroy();
  }
}

/** Creates an OU under a root or OU; returns its id. */
export async function createMotoUnit(options: AwsClientOptions, parentId: string, name: string): Promise<string> {
  const client = createOrganizationsClient(options);
  try {
    const { OrganizationalUnit } = await client.send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name }));
    return OrganizationalUnit?.Id as string;
  } finally {
    client.destroy();
  }
}

/** Moves an account into a root or OU, from wherever it is (MoveAccount). */
export async function moveMotoAccount(options: AwsClientOptions, accountId: string, destinationId: string): Promise<void> {
  const client = createOrganizationsClient(options);
  try {
    const { Parents } = await client.send(new ListParentsCommand({ ChildId: accountId }));
    const sourceId = Parents?.[0]?.Id as string;
    await client.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: sourceId, DestinationParentId: destinationId }));
  } finally {
    client.destroy();
  }
}

/** Tags an account (TagResource). */
export async function tagMotoAccount(options: AwsClientOptions, accountId: string, tags: Readonly<Record<string, string>>): Promise<void> {
  const client = createOrganizationsClient(options);
  try {
    await client.send(
      new TagResourceCommand({ ResourceId: accountId, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }),
    );
  } finally {
    client.destroy();
  }
}
