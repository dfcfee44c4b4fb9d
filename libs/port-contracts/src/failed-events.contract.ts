import { FailedEventsPort } from '@contact-sync/domain';

/** A port over an empty store, and how an event lands in it (what Lambda does after the last retry). */
export interface FailedEventsFixture {
  readonly port: FailedEventsPort;
  land(event: unknown): Promise<void>;
}

/**
 * The behaviour every {@link FailedEventsPort} shares. `make` returns a fixture over an empty store.
 * Call inside a test file; it declares its own `describe` block.
 */
export function failedEventsContract(adapterName: string, make: () => Promise<FailedEventsFixture>): void {
  describe(`FailedEventsPort contract: ${adapterName}`, () => {
    const event = (n: number) => ({
      source: 'aws.account',
      'detail-type': 'AWS API Call via CloudTrail',
      detail: { eventID: `e-${n}`, nested: { values: [n, 'text'] } },
    });

    it('receives nothing from an empty store', async () => {
      const { port } = await make();
      expect(await port.receive(10)).toEqual([]);
      expect(await port.waiting()).toBe(0);
    });

    it('gives each landed event back as it was delivered, with a handle', async () => {
      const { port, land } = await make();
      await land(event(1));
      expect(await port.waiting()).toBe(1);
      const received = await port.receive(10);
      // A store that counts receives says this is the first.
      const counted = received[0]?.receiveCount !== undefined ? { receiveCount: 1 } : {};
      expect(received).toEqual([{ handle: expect.any(String), event: event(1), ...counted }]);
    });

    it('gives at most `max` events', async () => {
      const { port, land } = await make();
      for (let n = 0; n < 13; n += 1) await land(event(n));
      expect(await port.receive(3)).toHaveLength(3);
    });

    it('gives every event when asked for more than one batch of them', async () => {
      const { port, land } = await make();
      for (let n = 0; n < 13; n += 1) await land(event(n));
      const ids = (await port.receive(100)).map((f) => (f.event as ReturnType<typeof event>).detail.eventID);
      expect(ids.sort()).toEqual(Array.from({ length: 13 }, (_, n) => `e-${n}`).sort());
    });

    it('never gives a removed event again, and keeps the others', async () => {
      const { port, land } = await make();
      await land(event(1));
      await land(event(2));
      const [first, second] = await port.receive(10);
      await port.remove(first?.handle as string);
      expect(await port.waiting()).toBeLessThanOrEqual(1);
      const again = await port.receive(10);
      expect(again.map((f) => f.event)).not.toContainEqual(first?.event);
      await port.remove(second?.handle as string);
      expect(await port.receive(10)).toEqual([]);
    });
  });
}
