import fc from 'fast-check';
import { validConfigInputArb } from '../testing/arbitraries';
import { parseSyncConfig, SYNC_CONFIG_KEYS, SyncConfigInput, toSyncConfigJson } from './sync-config';

/** One invalid change to an otherwise valid config, and the field it must be reported under. */
const corruptionArb: fc.Arbitrary<{ apply: (c: SyncConfigInput) => Record<string, unknown>; field: string }> = fc.oneof(
  fc.constant({ apply: (c: SyncConfigInput) => ({ ...c, kinds: ['NOPE'] }), field: 'kinds[0]' }),
  fc.constant({ apply: (c: SyncConfigInput) => ({ ...c, kinds: [] }), field: 'kinds' }),
  fc
    .string({ maxLength: 11 })
    .map((bad) => ({ apply: (c: SyncConfigInput) => ({ ...c, excludedAccountIds: [bad] }), field: 'excludedAccountIds[0]' })),
  fc.constant({ apply: (c: SyncConfigInput) => ({ ...c, propagateDeletions: 'true' }), field: 'propagateDeletions' }),
  fc.string({ maxLength: 12 }).map((bad) => ({
    apply: (c: SyncConfigInput) => ({ ...c, excludedOrganizationalUnits: [bad] }),
    field: 'excludedOrganizationalUnits[0]',
  })),
  fc.constant({
    apply: (c: SyncConfigInput) => ({ ...c, includedOrganizationalUnits: 'ou-ab12-abcdefgh' }),
    field: 'includedOrganizationalUnits',
  }),
  fc
    .string({ minLength: 129, maxLength: 140 })
    .map((key) => ({ apply: (c: SyncConfigInput) => ({ ...c, excludedTags: [{ key }] }), field: 'excludedTags[0].key' })),
  fc.constant({ apply: (c: SyncConfigInput) => ({ ...c, includedTags: [{ key: 'team', value: 1 }] }), field: 'includedTags[0].value' }),
  fc.constant({ apply: (c: SyncConfigInput) => ({ ...c, dryRun: null }), field: 'dryRun' }),
  fc.double({ max: 0, noNaN: true }).map((rate) => ({
    apply: (c: SyncConfigInput) => ({ ...c, rates: { PutAlternateContact: { ratePerSecond: rate, burst: 1 } } }),
    field: 'rates.PutAlternateContact.ratePerSecond',
  })),
  // Above 0 but too slow to finish a work item within its deliveries: refused naming the field and the bound.
  fc.double({ min: 1e-9, max: 0.22, noNaN: true }).map((rate) => ({
    apply: (c: SyncConfigInput) => ({ ...c, rates: { PutAlternateContact: { ratePerSecond: rate, burst: 1 } } }),
    field: 'rates.PutAlternateContact.ratePerSecond',
  })),
  fc.integer({ max: 0 }).map((burst) => ({
    apply: (c: SyncConfigInput) => ({ ...c, rates: { DeleteAlternateContact: { ratePerSecond: 1, burst } } }),
    field: 'rates.DeleteAlternateContact.burst',
  })),
  fc
    .string({ minLength: 1 })
    .filter((k) => ![...SYNC_CONFIG_KEYS, '__proto__'].includes(k))
    .map((key) => ({
      apply: (c: SyncConfigInput) => ({ ...c, [key]: 1 }),
      field: key,
    })),
);

describe('Property 7: configuration validation and isolation', () => {
  it('rejects every invalid config, naming each bad field', () => {
    fc.assert(
      fc.property(
        validConfigInputArb(),
        fc.uniqueArray(corruptionArb, { minLength: 1, maxLength: 3, selector: (c) => c.field.replace(/\[.*$/, '').split('.')[0] }),
        (input, corruptions) => {
          const corrupted = corruptions.reduce<Record<string, unknown>>((acc, c) => c.apply(acc as SyncConfigInput), { ...input });
          const result = parseSyncConfig(corrupted);
          expect(result.ok).toBe(false);
          if (!result.ok) {
            const fields = result.error.issues.map((i) => i.field);
            for (const c of corruptions) expect(fields).toContain(c.field);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every valid config survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(validConfigInputArb(), (input) => {
        const first = parseSyncConfig(input);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const again = parseSyncConfig(JSON.parse(JSON.stringify(toSyncConfigJson(first.value))));
        expect(again).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it('two configs never share mutable state, and a config does not follow changes to its input', () => {
    fc.assert(
      fc.property(validConfigInputArb(), (input) => {
        const a = parseSyncConfig(input);
        const b = parseSyncConfig(input);
        if (!a.ok || !b.ok) throw new Error('valid input was rejected');
        const before = JSON.stringify(a.value);
        input.kinds?.push('BILLING');
        input.excludedAccountIds?.push('999999999999');
        expect(JSON.stringify(a.value)).toBe(before);
        expect(
          Object.isFrozen(a.value) &&
            Object.isFrozen(a.value.kinds) &&
            Object.isFrozen(a.value.excludedAccountIds) &&
            Object.isFrozen(a.value.rates),
        ).toBe(true);
        expect(() => (a.value.kinds as string[]).push('PRIMARY')).toThrow(TypeError);
        expect(a.value.kinds).not.toBe(b.value.kinds);
        expect(b.value).toEqual(JSON.parse(before));
      }),
      { numRuns: 200 },
    );
  });
});
