import { AccountManagementContacts, createAccountClient } from '@contact-sync/adapters-aws';
import { createMotoOrganization, putMotoAlternateContact, RawAlternateContact, useMotoServer } from '@contact-sync/adapters-aws/testing';
import { aContactInformation, contactInformationContract, contactsContract, ContactsFixture } from '@contact-sync/port-contracts';
import { contactsInVirtualTime, memoryOrganization } from './testing/memory-organization';

const moto = useMotoServer();

async function memoryContacts(): Promise<ContactsFixture> {
  const { sim, management, members } = memoryOrganization(1);
  return {
    port: contactsInVirtualTime(sim),
    memberId: (members[0] as { id: string }).id,
    plant: async (kind, raw, accountId) => sim.model.write(accountId ?? management.id, kind, raw, sim.time.now()),
    removingUnset: 'ABSENT',
  };
}

async function motoContacts(): Promise<ContactsFixture> {
  await moto.reset();
  const { members } = await createMotoOrganization(moto.clientOptions, 1);
  const client = moto.client(createAccountClient);
  return {
    port: new AccountManagementContacts(client),
    memberId: (members[0] as { id: string }).id,
    plant: async (kind, raw, accountId) => {
      if (kind === 'PRIMARY') throw new Error('moto does not implement ContactInformation');
      await putMotoAlternateContact(moto.clientOptions, raw as RawAlternateContact, accountId);
    },
    // moto 5.2.1 answers a delete of an unset contact with success, where AWS answers ResourceNotFoundException.
    removingUnset: 'REMOVED',
  };
}

contactsContract('AccountManagementContacts over the simulated Account Management API', memoryContacts);
contactsContract('AccountManagementContacts on moto', motoContacts);

// The primary contact runs on the memory adapter only. moto 5.2.1 implements the Account
// Management API's alternate contacts but not Get/PutContactInformation: it has no route for them
// and answers HTTP 404. The test below proves that is still so; once it fails, moto has learned the
// primary contact and the contract should run on AccountManagementContacts too.
contactInformationContract('AccountManagementContacts over the simulated Account Management API', memoryContacts);

describe('ContactsPort contract, primary contact (ContactInformation): AccountManagementContacts on moto', () => {
  it('runs on the memory adapter only, because moto answers Get/PutContactInformation with HTTP 404 (reported as UNKNOWN)', async () => {
    const { port, memberId } = await motoContacts();
    const notImplemented = { name: 'ContactApiError', code: 'UNKNOWN', cause: { $metadata: { httpStatusCode: 404 } } };
    await expect(port.read('PRIMARY')).rejects.toMatchObject({ ...notImplemented, operation: 'GetContactInformation' });
    await expect(port.write(aContactInformation('moto'), memberId)).rejects.toMatchObject({
      ...notImplemented,
      operation: 'PutContactInformation',
    });
  });
});
