/** Field names of contact values (the Account Management API's, and their plain forms), compared without case, `_` or `-`. */
const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'fullname',
  'name',
  'title',
  'emailaddress',
  'email',
  'phonenumber',
  'phone',
  'city',
  'stateorregion',
  'districtorcounty',
  'postalcode',
  'countrycode',
  'companyname',
  'websiteurl',
]);

/** True for a key whose value is a contact value, whatever it holds: `EmailAddress`, `phone_number`, `AddressLine2`, … */
export function isPersonalField(key: string): boolean {
  const plain = key.toLowerCase().replace(/[_-]/g, '');
  return PERSONAL_FIELDS.has(plain) || plain.startsWith('address');
}

const EMAIL = /[^\s@"'<>()[\]{},;:/]+@[^\s@"'<>()[\]{},;:/]+\.[^\s@"'<>()[\]{},;:/]+/g;
/** Six digits or more, each apart by at most two of space ( ) . -, with or without a leading +: a phone number, with or without its country code. */
const PHONE = /\+?\(?\d(?:[\s().-]{0,2}\d){5,}/g;
/** A contact field named in text with its value: `Name=Sam`, `"FullName":"Sam"`, `city: Paris`. */
const NAMED_FIELD =
  /\b(full_?name|name|title|e-?mail(?:_?address)?|phone(?:_?number)?|address_?line_?\d|city|state_?or_?region|district_?or_?county|postal_?code|country_?code|company_?name|website_?url)\b(["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^,;}\]\n]*)/gi;
/** AWS's validation messages quote the value they refuse: `Value 'Sam' at 'alternateContact.name' failed…`. */
const QUOTED_VALUE = /\bValue '.*?' at '/g;

/** Text with contact values replaced: e-mail addresses and phone numbers by shape, named fields and quoted values by their context. */
export function redactText(text: string): string {
  return redactIdentifier(text)
    .replace(NAMED_FIELD, (_, field: string, separator: string, value: string) => `${field}${separator}${quoted(value, '[redacted]')}`)
    .replace(QUOTED_VALUE, "Value '[redacted]' at '")
    .replace(PHONE, '[redacted-phone]');
}

/** `replacement` in the quotes `value` had, if any. */
const quoted = (value: string, replacement: string): string => (/^["']/.test(value) ? `${value[0]}${replacement}${value[0]}` : replacement);

/**
 * An identifier's text (an id, an ARN, a time) with e-mail addresses replaced only: an IAM Identity
 * Center session's ARN ends with the person's address, while account ids and times are digit runs
 * that must stay readable.
 */
export const redactIdentifier = (text: string): string => text.replace(EMAIL, '[redacted-email]');
