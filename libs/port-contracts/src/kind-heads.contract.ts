import { KindHeadsPort } from '@contact-sync/domain';

/**
 * The behaviour every {@link KindHeadsPort} shares. `make` returns a port over empty storage.
 * Call inside a test file; it declares its own `describe` block.
 */
export function kindHeadsContract(adapterName: string, make: () => Promise<KindHeadsPort>): void {
  describe(`KindHeadsPort contract: ${adapterName}`, () => {
    let state: KindHeadsPort;
    beforeEach(async () => {
      state = await make();
    });

    describe('kind heads', () => {
      it('gives each run that asks the next generation, whatever time it names, and the same run its own again', async () => {
        expect(await state.headOf('BILLING')).toBeUndefined();
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(1);
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(1);
        // An event time skewed into the past or the future orders nothing: the claim does.
        expect(await state.advanceHead('BILLING', 'run-0', '2026-11-22T09:59:59.000Z')).toBe(2);
        expect(await state.advanceHead('BILLING', 'run-2', '2026-11-23T10:00:00.000Z')).toBe(3);
        expect(await state.advanceHead('SECURITY', 'run-3', '2026-11-22T09:00:00.000Z')).toBe(1);
        expect(await state.advanceHead('BILLING', 'run-1', '2026-11-22T10:00:00.000Z')).toBe(4);
        expect(await state.headOf('BILLING')).toEqual({
          kind: 'BILLING',
          generation: 4,
          runId: 'run-1',
          requestedAt: '2026-11-22T10:00:00.000Z',
        });
        expect(await state.headOf('SECURITY')).toEqual({
          kind: 'SECURITY',
          generation: 1,
          runId: 'run-3',
          requestedAt: '2026-11-22T09:00:00.000Z',
        });
      });

      it('gives concurrent runs distinct generations', async () => {
        const generations = await Promise.all(
          Array.from({ length: 8 }, (_, i) => state.advanceHead('OPERATIONS', `run-${i}`, '2026-11-22T10:00:00.000Z')),
        );
        expect(new Set(generations).size).toBe(8);
        expect((await state.headOf('OPERATIONS'))?.generation).toBe(Math.max(...(generations as number[])));
      });
    });
  });
}
