import { DEFAULT_SYNC_CONFIG, DomainError, SyncConfigPort, syncConfigOf } from '@contact-sync/domain';

/**
 * The behaviour every {@link SyncConfigPort} shares. `make` returns a port over empty storage.
 * Call inside a test file; it declares its own `describe` block.
 */
export function syncConfigContract(adapterName: string, make: () => Promise<SyncConfigPort>): void {
  describe(`SyncConfigPort contract: ${adapterName}`, () => {
    const custom = syncConfigOf({ kinds: ['SECURITY', 'BILLING'], excludedAccountIds: ['222222222222'], propagateDeletions: true });

    it('loads the defaults at version 0 when nothing is stored', async () => {
      const port = await make();
      expect(await port.load()).toEqual({ config: DEFAULT_SYNC_CONFIG, version: 0 });
    });

    it('stores a configuration and bumps the version on each save', async () => {
      const port = await make();
      expect(await port.save(custom, 0)).toBe(1);
      expect(await port.load()).toEqual({ config: custom, version: 1 });
      expect(await port.save(DEFAULT_SYNC_CONFIG, 1)).toBe(2);
      expect(await port.load()).toEqual({ config: DEFAULT_SYNC_CONFIG, version: 2 });
    });

    it('refuses a save against a stale version with a CONFLICT, keeping the stored one', async () => {
      const port = await make();
      await port.save(custom, 0);
      const stale = port.save(DEFAULT_SYNC_CONFIG, 0);
      await expect(stale).rejects.toBeInstanceOf(DomainError);
      await expect(stale).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await port.load()).toEqual({ config: custom, version: 1 });
    });

    it('lets exactly one of two concurrent saves of the same version win', async () => {
      const port = await make();
      const results = await Promise.allSettled([port.save(custom, 0), port.save(DEFAULT_SYNC_CONFIG, 0)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await port.load()).version).toBe(1);
    });
  });
}
