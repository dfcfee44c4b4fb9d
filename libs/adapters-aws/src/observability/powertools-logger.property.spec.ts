import { Logger } from '@aws-lambda-powertools/logger';
import { AlternateContact, AlternateContactProps, ContactInformation, ContactInformationProps, DomainError } from '@contact-sync/domain';
import { alternateContactPropsArb, contactInformationPropsArb } from '@contact-sync/domain/testing';
import fc from 'fast-check';
import { AwsAdapterError } from '../aws-adapter-error';
import { captureOutput } from '../testing/capture-output';
import { PowertoolsLogger } from './powertools-logger';

afterEach(() => jest.restoreAllMocks());

interface Contacts {
  readonly alternate: AlternateContactProps;
  readonly primary: ContactInformationProps;
  /** A phone number as people write it: groups of digits apart by spaces, dashes or dots, no `+`. */
  readonly phone: string;
}

const formattedPhoneArb = fc
  .tuple(fc.array(fc.stringMatching(/^\d{2,4}$/), { minLength: 3, maxLength: 4 }), fc.constantFrom(' ', '-', '.'))
  .map(([groups, separator]) => groups.join(separator));
const contactsArb: fc.Arbitrary<Contacts> = fc.record({
  alternate: alternateContactPropsArb('SECURITY'),
  primary: contactInformationPropsArb,
  phone: formattedPhoneArb,
});
/** How deep, and in what, a contact is nested: objects, arrays, maps, sets, or the domain's value object. */
const nestingArb = fc.array(fc.constantFrom('object', 'array', 'map', 'set'), { maxLength: 4 });

function nest(value: unknown, nesting: readonly string[]): unknown {
  return nesting.reduce<unknown>((inner, container) => {
    if (container === 'array') return [inner];
    if (container === 'map') return new Map([['SECURITY', inner]]);
    if (container === 'set') return new Set([inner]);
    return { value: inner };
  }, value);
}

/** Everything a careless handler might log about a contact: nested values, errors and text built from it. */
function logEverything(logger: PowertoolsLogger, c: Contacts, nesting: readonly string[]): void {
  const { alternate: a, primary: p } = c;
  logger.error(`write refused: Name=${a.Name}, EmailAddress=${a.EmailAddress}, call ${c.phone}`, {
    runId: 'chg-e1',
    accountId: '222222222222',
    desired: nest({ SECURITY: a, PRIMARY: p }, nesting),
    values: nest([AlternateContact.of(a), ContactInformation.of(p)], nesting),
    error: new AwsAdapterError('STORAGE_FAILED', `refused ${a.Name} <${a.EmailAddress}> ${p.PhoneNumber}`, {
      cause: new Error(JSON.stringify(p)),
    }),
    errors: nest([new DomainError('CONFLICT', `${p.FullName}, ${p.AddressLine1}, ${p.City}`)], nesting),
    detail: `reach ${a.EmailAddress} or ${c.phone} or ${a.PhoneNumber} or ${p.PhoneNumber}`,
    serialized: JSON.stringify(a),
    validation: `1 validation error detected: Value '${a.Name}' at 'alternateContact.name' failed to satisfy constraint`,
  });
}

/** The log lines, without the timestamp (the one part that changes between two entries). */
async function logged(c: Contacts, nesting: readonly string[]): Promise<string> {
  const logger = new PowertoolsLogger(new Logger({ serviceName: 'contact-sync' }));
  const { lines } = await captureOutput(() => logEverything(logger, c, nesting));
  return lines.map((line) => JSON.stringify({ ...JSON.parse(line), timestamp: undefined })).join('\n');
}

/** The same contacts with every value replaced by a valid placeholder: what the log may show of them. */
function placeholderOf(c: Contacts): Contacts {
  const replaced = <T extends object>(props: T, keep: readonly string[]): T =>
    Object.fromEntries(
      Object.entries(props).map(([key, value]) => [
        key,
        keep.includes(key)
          ? value
          : key === 'EmailAddress'
            ? 'placeholder@placeholder.invalid'
            : key === 'PhoneNumber'
              ? '+0000000'
              : key === 'PostalCode'
                ? '00000'
                : 'Placeholder',
      ]),
    ) as T;
  return { alternate: replaced(c.alternate, ['AlternateContactType']), primary: replaced(c.primary, ['CountryCode']), phone: '00 00 00' };
}

describe('PowertoolsLogger, on generated contacts', () => {
  it('logs the same line whatever the contact: no value of it, nested, in text or in an error, reaches the output', async () => {
    await fc.assert(
      fc.asyncProperty(contactsArb, nestingArb, async (contacts, nesting) => {
        const [output, skeleton] = [await logged(contacts, nesting), await logged(placeholderOf(contacts), nesting)];
        const values = [...Object.values(contacts.alternate), ...Object.values(contacts.primary), contacts.phone].filter(
          (v): v is string => typeof v === 'string',
        );
        expect(values.filter((value) => output.includes(value) && !skeleton.includes(value))).toEqual([]);
        expect(output).toBe(skeleton);
        expect(output).toContain('"accountId":"222222222222"');
      }),
      { numRuns: 200 },
    );
  });
});
