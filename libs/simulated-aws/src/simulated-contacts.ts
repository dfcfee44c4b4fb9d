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
  Removal,
  removeOperation,
  kindOf,
} from '@contact-sync/domain';
import { RequestContext, SimulatedAccountService } from './simulated-account-service';
import { translateSimulatedError } from './simulated-service-error';

const isNotSet = (error: unknown): boolean => translateSimulatedError(error).code === 'NOT_FOUND';

const failure = (error: unknown, operation: ContactOperation): ContactApiError =>
  contactApiErrorOf(error, operation, translateSimulatedError);

/**
 * The contacts port over the simulated Account Management API, mapping its errors as the AWS adapter
 * does. `sign`, when given, makes each write request's context as it is sent (who sends it): the
 * service hands it back to the observers of the write it makes.
 */
export class SimulatedContacts implements ContactsPort {
  constructor(
    private readonly service: SimulatedAccountService,
    private readonly sign?: (kind: ContactKind, accountId?: AccountId) => RequestContext,
  ) {}

  async read(kind: ContactKind, accountId?: AccountId): Promise<ContactSlot> {
    const { read: operation, alternateContactType } = contactKindSpec(kind);
    try {
      if (operation === 'GetContactInformation')
        return contactOf(kind, (await this.service.getContactInformation({ AccountId: accountId })).ContactInformation);
      const response = await this.service.getAlternateContact({ AccountId: accountId, AlternateContactType: alternateContactType });
      return contactOf(kind, response.AlternateContact);
    } catch (error) {
      if (isNotSet(error)) return undefined;
      throw failure(error, operation);
    }
  }

  async write(value: ContactValue, accountId?: AccountId): Promise<void> {
    const { write: operation } = contactKindSpec(kindOf(value));
    try {
      const context = this.sign?.(kindOf(value), accountId);
      if (operation === 'PutContactInformation')
        await this.service.putContactInformation(
          { AccountId: accountId, ContactInformation: { ...(value.props as ContactInformationProps) } },
          context,
        );
      else {
        const { AlternateContactType, ...contact } = value.props as AlternateContactProps;
        await this.service.putAlternateContact({ AccountId: accountId, AlternateContactType, AlternateContact: contact }, context);
      }
    } catch (error) {
      throw failure(error, operation);
    }
  }

  async remove(type: AlternateContactType, accountId?: AccountId): Promise<Removal> {
    try {
      await this.service.deleteAlternateContact({ AccountId: accountId, AlternateContactType: type }, this.sign?.(type, accountId));
      return 'REMOVED';
    } catch (error) {
      // Already absent is the state a delete wants, but this request changed nothing: the caller must not count it as a write.
      if (isNotSet(error)) return 'ABSENT';
      throw failure(error, removeOperation(type));
    }
  }
}
