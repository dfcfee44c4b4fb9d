import { EventLedgerPort } from '@contact-sync/domain';

/**
 * The behaviour every {@link EventLedgerPort} shares. `make` returns a port over empty storage.
 * Call inside a test file; it declares its own `describe` block.
 */
export function eventLedgerContract(adapterName: string, make: () => Promise<EventLedgerPort>): void {
  describe(`EventLedgerPort contract: ${adapterName}`, () => {
    let state: EventLedgerPort;
    beforeEach(async () => {
      state = await make();
    });

    describe('claimEvent', () => {
      it('takes an event once; a second delivery is a duplicate', async () => {
        expect(await state.claimEvent('e-1', 'chg-e-1')).toBe(true);
        expect(await state.claimEvent('e-1', 'chg-e-1')).toBe(false);
        expect(await state.claimEvent('e-2', 'chg-e-2')).toBe(true);
      });

      it('gives a concurrently delivered event to exactly one caller', async () => {
        const claims = await Promise.all(Array.from({ length: 6 }, () => state.claimEvent('e-3', 'chg-e-3')));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
