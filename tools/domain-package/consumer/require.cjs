// Plain Node, CommonJS: what a consumer's require() gets from the installed package.
const domain = require('@contact-sync/domain');
const { contactWriteEvent, ManualTime } = require('@contact-sync/domain/testing');

const change = domain.detectContactChange(contactWriteEvent({ alternateContactType: 'BILLING' }), '111111111111');
const invalid = domain.AlternateContact.parse({
  AlternateContactType: 'BILLING',
  Name: '',
  Title: 'T',
  EmailAddress: 'x',
  PhoneNumber: '1',
});
let deepImport;
try {
  require('@contact-sync/domain/dist/cjs/index.js');
  deepImport = 'allowed';
} catch (error) {
  deepImport = error.code;
}

console.log(
  JSON.stringify({
    entry: require.resolve('@contact-sync/domain'),
    change: change.ok ? [change.value.action, change.value.kind] : change.error.reason,
    invalidFields: invalid.ok ? [] : invalid.error.issues.map((issue) => issue.field),
    manualClock: new ManualTime(42).now(),
    deepImport,
  }),
);
