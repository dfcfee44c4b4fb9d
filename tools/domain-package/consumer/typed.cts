// TypeScript, CommonJS (module nodenext): the require() types of both entries.
import domain = require('@contact-sync/domain');
import testing = require('@contact-sync/domain/testing');

export const change: domain.Result<domain.ContactChange, domain.ChangeRejection> = domain.detectContactChange(
  testing.contactWriteEvent(),
  '111111111111',
);
export const parsed: domain.Result<domain.AlternateContact, domain.ValidationError> = domain.AlternateContact.parse({});
export const code: domain.ServiceErrorCode = 'THROTTLED';
// @ts-expect-error the domain's codes are a closed set: the types are real, not `any`
export const wrong: domain.ServiceErrorCode = 'ThrottlingException';
