// TypeScript, ESM (module nodenext): the types of both entries, as a consumer's compiler sees them.
import {
  AlternateContact,
  detectContactChange,
  diffContact,
  type ContactDiff,
  type ContactsPort,
  type ServiceErrorCode,
} from '@contact-sync/domain';
import { contactWriteEvent, ManualTime } from '@contact-sync/domain/testing';

const change = detectContactChange(contactWriteEvent(), '111111111111');
export const kind: string | undefined = change.ok ? change.value.kind : undefined;
export const diff: ContactDiff = diffContact(
  AlternateContact.of({ AlternateContactType: 'BILLING', Name: 'N', Title: 'T', EmailAddress: 'n@example.com', PhoneNumber: '1' }),
  undefined,
  false,
);
export const port: ContactsPort = { read: async () => undefined, write: () => Promise.resolve(), remove: () => Promise.resolve('REMOVED') };
export const clock: number = new ManualTime().now();
// @ts-expect-error the domain's codes are a closed set: the types are real, not `any`
export const code: ServiceErrorCode = 'TooManyRequestsException';
