import {
  AccountClient,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
  PutContactInformationCommand,
} from '@aws-sdk/client-account';
import {
  AccountId,
  AlternateContactProps,
  AlternateContactType,
  ContactApiError,
  contactApiErrorOf,
  ContactInformationProps,
  ContactKind,
  contactKindSpec,
  contactOf,
  ContactOperation,
  ContactsPort,
  ContactSlot,
  ContactValue,
  kindOf,
  Removal,
  removeOperation,
} from '@contact-sync/domain';
import { translateAwsError } from '../aws-error-translation';

/** The API refuses the management account's own id: it is addressed by leaving `AccountId` out. */
const target = (accountId: AccountId | undefined): { AccountId?: string } => (accountId === undefined ? {} : { AccountId: accountId });

/** The API's "this contact is not set" (read) or "already absent" (delete). */
const isNotSet = (error: unknown): boolean => translateAwsError(error).code === 'NOT_FOUND';

const failure = (error: unknown, operation: ContactOperation): ContactApiError => contactApiErrorOf(error, operation, translateAwsError);

/**
 * The contacts port on the Account Management API. Reads return validated domain values;
 * ResourceNotFoundException means "not set". Every failure is a {@link ContactApiError} with the
 * domain's code and AWS's request id, and a message without any contact value.
 */
export class AccountManagementContacts implements ContactsPort {
  constructor(private readonly client: AccountClient) {}

  async read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    // The table of kinds says which operation reads the kind, and which type addresses it.
    const { read: operation, alternateContactType } = contactKindSpec(kind);
    try {
      if (operation === 'GetContactInformation') {
        const response = await this.client.send(new GetContactInformationCommand(target(accountId)));
        return contactOf(kind, response.ContactInformation);
      }
      const response = await this.client.send(
        new GetAlternateContactCommand({ ...target(accountId), AlternateContactType: alternateContactType }),
      );
      return contactOf(kind, response.AlternateContact);
    } catch (error) {
      if (isNotSet(error)) return undefined;
      throw failure(error, operation);
    }
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    // The table of kinds says which operation sets the value's kind; the value's props are that operation's input, in its own names.
    const { write: operation } = contactKindSpec(kindOf(value));
    try {
      if (operation === 'PutContactInformation') {
        const contact: ContactInformationProps = { ...(value.props as ContactInformationProps) };
        await this.client.send(new PutContactInformationCommand({ ...target(accountId), ContactInformation: contact }));
        return;
      }
      const { AlternateContactType, Name, Title, EmailAddress, PhoneNumber } = value.props as AlternateContactProps;
      await this.client.send(
        new PutAlternateContactCommand({ ...target(accountId), AlternateContactType, Name, Title, EmailAddress, PhoneNumber }),
      );
    } catch (error) {
      throw failure(error, operation);
    }
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<Removal> {
    try {
      await this.client.send(new DeleteAlternateContactCommand({ ...target(accountId), AlternateContactType: type }));
      return 'REMOVED';
    } catch (error) {
      // Already absent is the state a delete wants, but this request changed nothing: the caller must not count it as a write.
      if (isNotSet(error)) return 'ABSENT';
      throw failure(error, removeOperation(type));
    }
  }
}
