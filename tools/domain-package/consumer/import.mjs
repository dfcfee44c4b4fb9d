// Plain Node, ESM: what a consumer's import gets from the installed package, and that it is the same copy require() gets.
import { ContactApiError, detectContactChange, SERVICE_ERROR_CODES } from '@contact-sync/domain';
import { contactWriteEvent, newAccountEvent } from '@contact-sync/domain/testing';
import * as domain from '@contact-sync/domain';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const change = detectContactChange(contactWriteEvent({ eventName: 'PutContactInformation' }), '111111111111');
const joined = domain.detectNewAccount(newAccountEvent({ accountId: '444444444444' }));

console.log(
  JSON.stringify({
    entry: import.meta.resolve('@contact-sync/domain'),
    change: change.ok ? [change.value.action, change.value.kind] : change.error.reason,
    joined: joined.ok ? joined.value.accountId : joined.error.reason,
    codes: SERVICE_ERROR_CODES,
    sameCopyAsRequire: require('@contact-sync/domain').ContactApiError === ContactApiError,
    sameExportsAsRequire: Object.keys(domain).sort().join() === Object.keys(require('@contact-sync/domain')).sort().join(),
  }),
);
