import fc from 'fast-check';
import { SeededRandom } from './seeded-random';
import { ReceivedMessage, SimulatedSqsQueue } from './simulated-sqs-queue';

const VISIBILITY_MS = 100;
const MAX_RECEIVES = 3;

type Operation =
  | { readonly op: 'send' }
  | { readonly op: 'receive'; readonly max: number }
  | { readonly op: 'delete'; readonly pick: number; readonly latest: boolean }
  | { readonly op: 'wait'; readonly ms: number };

/**
 * Sends, receives of up to 10, deletes with the latest or an older receipt, and waits around the visibility
 * timeout; receives and waits are frequent enough that messages reach the dead-letter queue.
 */
const queueOperations = fc.array(
  fc.oneof(
    { weight: 2, arbitrary: fc.constant<Operation>({ op: 'send' }) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 10 }).map<Operation>((max) => ({ op: 'receive', max })) },
    { weight: 1, arbitrary: fc.record({ pick: fc.nat(), latest: fc.boolean() }).map<Operation>((d) => ({ op: 'delete', ...d })) },
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 * VISIBILITY_MS }).map<Operation>((ms) => ({ op: 'wait', ms })) },
  ),
  { minLength: 10, maxLength: 120, size: 'max' },
);

/** What the queue must hold, message by message, kept the slow obvious way. */
interface ModelMessage {
  receives: number;
  visibleAt: number;
  receipts: string[];
  gone: boolean;
}

describe('SimulatedSqsQueue', () => {
  it('hands out only visible messages, as many as asked while any are visible, and keeps every undeleted one', () => {
    fc.assert(
      fc.property(queueOperations, fc.integer(), (operations, seed) => {
        let now = 0;
        const queue = new SimulatedSqsQueue({ now: () => now }, new SeededRandom(seed), {
          visibilityTimeoutMs: VISIBILITY_MS,
          maxReceiveCount: MAX_RECEIVES,
          duplicateRate: 0,
        });
        const model = new Map<string, ModelMessage>();
        const received: ReceivedMessage[] = [];
        let sent = 0;
        for (const operation of operations) {
          if (operation.op === 'send') {
            queue.send(`body-${sent++}`);
          } else if (operation.op === 'wait') {
            now += operation.ms;
          } else if (operation.op === 'delete') {
            const message = received[operation.pick % Math.max(1, received.length)];
            if (!message) continue;
            const entry = model.get(message.body) as ModelMessage;
            const receipt = operation.latest ? (entry.receipts.at(-1) as string) : message.receiptHandle;
            queue.delete(receipt);
            if (receipt === entry.receipts.at(-1)) entry.gone = true;
          } else {
            const deadBefore = queue.deadLetters.length;
            const visible = [...model.entries()].filter(([, m]) => !m.gone && m.visibleAt <= now);
            const live = visible.filter(([, m]) => m.receives < MAX_RECEIVES);
            const batch = queue.receive(operation.max);
            expect(batch).toHaveLength(Math.min(operation.max, live.length));
            for (const message of batch) {
              const entry = model.get(message.body);
              expect(entry && !entry.gone && entry.visibleAt <= now && entry.receives < MAX_RECEIVES).toBe(true);
              (entry as ModelMessage).receives += 1;
              (entry as ModelMessage).visibleAt = now + VISIBILITY_MS;
              (entry as ModelMessage).receipts.push(message.receiptHandle);
              expect(message.receiveCount).toBe((entry as ModelMessage).receives);
              received.push(message);
            }
            for (const body of queue.deadLetters.slice(deadBefore)) {
              const entry = model.get(body);
              expect(entry && !entry.gone && entry.visibleAt <= now && entry.receives >= MAX_RECEIVES).toBe(true);
              (entry as ModelMessage).gone = true;
            }
          }
          for (let i = model.size; i < sent; i++) model.set(`body-${i}`, { receives: 0, visibleAt: now, receipts: [], gone: false });
          const kept = [...model.values()].filter((m) => !m.gone);
          expect(queue.size).toBe(kept.length);
          const nextVisible = kept.length === 0 ? undefined : Math.min(...kept.map((m) => m.visibleAt));
          expect(queue.nextVisibleAt()).toBe(nextVisible);
        }
      }),
      { numRuns: 300 },
    );
  });
});
