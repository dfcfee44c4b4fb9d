import {
  AccessDeniedException,
  AccountClient,
  AccountServiceException,
  ConflictException,
  DeleteAlternateContactCommand,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  InternalServerException,
  PutAlternateContactCommand,
  PutContactInformationCommand,
  ResourceNotFoundException,
  TooManyRequestsException,
  ValidationException,
} from '@aws-sdk/client-account';
import { AlternateContact, ContactApiError, ContactInformation } from '@contact-sync/domain';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AccountManagementContacts } from './account-management-contacts';

const account = mockClient(AccountClient);
afterEach(() => account.reset());

const MEMBER = '222222222222';
const metadata = { requestId: 'req-123', httpStatusCode: 400 };
const security = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'Sam Secure',
  Title: 'CISO',
  EmailAddress: 'sam@example.com',
  PhoneNumber: '+1 555 0100',
};
const primary = {
  FullName: 'Pat Primary',
  AddressLine1: '1 Main Street',
  City: 'Seattle',
  StateOrRegion: 'WA',
  PostalCode: '98101',
  CountryCode: 'US',
  PhoneNumber: '+1 206 555 0100',
};
const contacts = () => new AccountManagementContacts(new AccountClient({ region: 'us-east-1' }));
const inputsOf = (command: Parameters<typeof account.commandCalls>[0]) => account.commandCalls(command).map((call) => call.args[0].input);

describe('AccountManagementContacts', () => {
  describe('read', () => {
    it('reads the management account primary contact without an AccountId', async () => {
      account.on(GetContactInformationCommand).resolves({ ContactInformation: primary });
      const value = await contacts().read('PRIMARY');
      expect(value).toEqual(ContactInformation.of(primary));
      expect(inputsOf(GetContactInformationCommand)).toEqual([{}]);
    });

    it('reads a member alternate contact with its AccountId and type', async () => {
      account.on(GetAlternateContactCommand).resolves({ AlternateContact: security });
      expect(await contacts().read('SECURITY', MEMBER)).toEqual(AlternateContact.of(security));
      expect(account).toHaveReceivedCommandTimes(GetAlternateContactCommand, 1);
      expect(inputsOf(GetAlternateContactCommand)).toEqual([{ AccountId: MEMBER, AlternateContactType: 'SECURITY' }]);
    });

    it('answers undefined when the contact is not set (ResourceNotFoundException)', async () => {
      account.on(GetAlternateContactCommand).rejects(new ResourceNotFoundException({ message: 'No contact', $metadata: metadata }));
      expect(await contacts().read('BILLING', MEMBER)).toBeUndefined();
    });

    it('reports a stored value that breaks the API rules as INVALID, without the value', async () => {
      account.on(GetAlternateContactCommand).resolves({ AlternateContact: { ...security, EmailAddress: 'sam-at-example.com' } });
      const failure = contacts().read('SECURITY', MEMBER);
      await expect(failure).rejects.toMatchObject({ code: 'INVALID', operation: 'GetAlternateContact' });
      await expect(failure).rejects.not.toThrow(/sam/);
    });
  });

  describe('write and remove', () => {
    it('puts an alternate contact with the whole input', async () => {
      account.on(PutAlternateContactCommand).resolves({});
      await contacts().write(AlternateContact.of(security), MEMBER);
      expect(inputsOf(PutAlternateContactCommand)).toEqual([{ AccountId: MEMBER, ...security }]);
    });

    it('puts the primary contact with the whole input', async () => {
      account.on(PutContactInformationCommand).resolves({});
      await contacts().write(ContactInformation.of(primary), MEMBER);
      expect(inputsOf(PutContactInformationCommand)).toEqual([{ AccountId: MEMBER, ContactInformation: primary }]);
    });

    it('deletes an alternate contact, and an absent one is already the wanted state but told apart: nothing was deleted', async () => {
      account
        .on(DeleteAlternateContactCommand)
        .resolvesOnce({})
        .rejectsOnce(new ResourceNotFoundException({ message: 'none', $metadata: metadata }));
      expect(await contacts().remove('OPERATIONS', MEMBER)).toBe('REMOVED');
      expect(await contacts().remove('OPERATIONS', MEMBER)).toBe('ABSENT');
      expect(inputsOf(DeleteAlternateContactCommand)).toEqual([
        { AccountId: MEMBER, AlternateContactType: 'OPERATIONS' },
        { AccountId: MEMBER, AlternateContactType: 'OPERATIONS' },
      ]);
    });
  });

  describe('error mapping', () => {
    const cases: Array<[string, Error, string]> = [
      ['TooManyRequestsException', new TooManyRequestsException({ message: 'Rate exceeded', $metadata: metadata }), 'THROTTLED'],
      ['InternalServerException', new InternalServerException({ message: 'oops', $metadata: metadata }), 'TRANSIENT'],
      ['AccessDeniedException', new AccessDeniedException({ message: 'no', $metadata: metadata }), 'ACCESS_DENIED'],
      ['ValidationException', new ValidationException({ message: `Invalid ${security.EmailAddress}`, $metadata: metadata }), 'INVALID'],
      ['ResourceNotFoundException on a write', new ResourceNotFoundException({ message: 'gone', $metadata: metadata }), 'NOT_FOUND'],
      ['ConflictException', new ConflictException({ message: 'busy', $metadata: metadata }), 'CONFLICT'],
      [
        'an unnamed server fault',
        new AccountServiceException({
          name: 'SomethingNew',
          $fault: 'server',
          $metadata: { ...metadata, httpStatusCode: 503 },
          message: '?',
        }),
        'TRANSIENT',
      ],
    ];

    it.each(cases)('maps %s to the domain code, keeping the request id and no contact value', async (_name, error, code) => {
      account.on(PutAlternateContactCommand).rejects(error);
      const failure = contacts().write(AlternateContact.of(security), MEMBER);
      await expect(failure).rejects.toBeInstanceOf(ContactApiError);
      await expect(failure).rejects.toMatchObject({ code, operation: 'PutAlternateContact', requestId: 'req-123', cause: error });
      expect(inputsOf(PutAlternateContactCommand)).toEqual([{ AccountId: MEMBER, ...security }]);
      const message = ((await failure.catch((e: Error) => e)) as Error).message;
      for (const value of Object.values(security).slice(1)) expect(message).not.toContain(value);
    });

    it('maps a network failure (no AWS error name) by its code', async () => {
      account.on(GetContactInformationCommand).rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      await expect(contacts().read('PRIMARY', MEMBER)).rejects.toMatchObject({ code: 'TRANSIENT', operation: 'GetContactInformation' });
      expect(inputsOf(GetContactInformationCommand)).toEqual([{ AccountId: MEMBER }]);
    });

    it('maps anything unrecognised to UNKNOWN', async () => {
      account.on(DeleteAlternateContactCommand).rejects(new Error('mystery'));
      await expect(contacts().remove('BILLING', MEMBER)).rejects.toMatchObject({ code: 'UNKNOWN', operation: 'DeleteAlternateContact' });
      expect(inputsOf(DeleteAlternateContactCommand)).toEqual([{ AccountId: MEMBER, AlternateContactType: 'BILLING' }]);
    });
  });
});
