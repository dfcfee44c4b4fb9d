import {
  AccountId,
  AlternateContact,
  AlternateContactType,
  classifyAwsErrorName,
  ContactApiError,
  ContactInformation,
  ContactKind,
  ContactOperation,
  ContactsPort,
  ContactSlot,
  ContactValue,
  readOperation,
  writeOperation,
  kindOf,
} from '@contact-sync/domain';
import { SimulatedAccountService } from './simulated-account-service';
import { SimulatedServiceError } from './simulated-service-error';

/** The contacts port over the simulated Account Management API, mapping its errors as the AWS adapter does. */
export class InMemoryContacts implements ContactsPort {
  constructor(private readonly service: SimulatedAccountService) {}

  async read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    try {
      if (kind === 'PRIMARY') return ContactInformation.of((await this.service.getContactInformation({ AccountId: accountId })).ContactInformation);
      const response = await this.service.getAlternateContact({ AccountId: accountId, AlternateContactType: kind });
      return AlternateContact.of(response.AlternateContact);
    } catch (error) {
      if (error instanceof SimulatedServiceError && error.name === 'ResourceNotFoundException') return undefined;
      throw toDomainError(error, readOperation(kind));
    }
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    try {
      if (value instanceof ContactInformation) await this.service.putContactInformation({ AccountId: accountId, ContactInformation: { ...value.props } });
      else {
        const { AlternateContactType, ...contact } = value.props;
        await this.service.putAlternateContact({ AccountId: accountId, AlternateContactType, AlternateContact: contact });
      }
    } catch (error) {
      throw toDomainError(error, writeOperation(kindOf(value)));
    }
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<void> {
    try {
      await this.service.deleteAlternateContact({ AccountId: accountId, AlternateContactType: type });
    } catch (error) {
      // Already absent is the state a delete wants.
      if (error instanceof SimulatedServiceError && error.name === 'ResourceNotFoundException') return;
      throw toDomainError(error, 'DeleteAlternateContact');
    }
  }
}

function toDomainError(error: unknown, operation: ContactOperation): ContactApiError {
  if (error instanceof ContactApiError) return error;
  if (error instanceof SimulatedServiceError) return new ContactApiError(classifyAwsErrorName(error.name), operation, error.$metadata.requestId, { cause: error });
  // A value the API returned that breaks the rules is reported, not trusted.
  if (error instanceof Error && error.name === 'ValidationError') return new ContactApiError('INVALID', operation, undefined, { cause: error });
  return new ContactApiError('UNKNOWN', operation, undefined, { cause: error });
}
