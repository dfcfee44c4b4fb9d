import { SeededRandom } from './seeded-random';
import { ReceivedMessage, SimulatedSqsQueue } from './simulated-sqs-queue';
import { VirtualTime } from './virtual-time';

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const WAIT_MS = 20_000;
const VISIBILITY_MS = 60_000;

/** A queue on a virtual clock that stores every send once, so a spec can count what each poll receives. */
function queueOnClock(): { readonly time: VirtualTime; readonly queue: SimulatedSqsQueue } {
  const time = new VirtualTime(START);
  const queue = new SimulatedSqsQueue(time, new SeededRandom(1), {
    visibilityTimeoutMs: VISIBILITY_MS,
    maxReceiveCount: 5,
    duplicateRate: 0,
  });
  return { time, queue };
}

/** One long poll: what it received, and when (ms after the start) it returned. */
async function longPoll(time: VirtualTime, queue: SimulatedSqsQueue): Promise<{ readonly got: ReceivedMessage[]; readonly at: number }> {
  const got = await queue.receiveWaiting(10, WAIT_MS, time);
  return { got, at: time.now() - START };
}

describe('SimulatedSqsQueue long poll (ReceiveMessage with WaitTimeSeconds)', () => {
  it('returns a message sent while it waits at the instant it is sent, not when the wait ends', async () => {
    const { time, queue } = queueOnClock();
    const sendLater = async () => {
      await time.sleep(3_000);
      queue.send('item');
    };
    const [poll] = await time.run(() => Promise.all([longPoll(time, queue), sendLater()]));
    expect(poll.at).toBe(3_000);
    expect(poll.got.map((m) => m.body)).toEqual(['item']);
  });

  it('returns at once, without waiting, when a message is already visible', async () => {
    const { time, queue } = queueOnClock();
    queue.send('item');
    const poll = await time.run(() => longPoll(time, queue));
    expect(poll).toEqual({ got: [expect.objectContaining({ body: 'item' })], at: 0 });
  });

  it('returns nothing once the wait has passed on a queue that stays empty', async () => {
    const { time, queue } = queueOnClock();
    expect(await time.run(() => longPoll(time, queue))).toEqual({ got: [], at: WAIT_MS });
  });

  it('wakes several waiting polls for one message, and only one of them receives it; the others wait out their time', async () => {
    const { time, queue } = queueOnClock();
    const sendLater = async () => {
      await time.sleep(5_000);
      queue.send('item');
    };
    const [a, b, c] = await time.run(() => Promise.all([longPoll(time, queue), longPoll(time, queue), longPoll(time, queue), sendLater()]));
    const polls = [a, b, c];
    const receivers = polls.filter((p) => p.got.length > 0);
    expect(receivers).toEqual([{ got: [expect.objectContaining({ body: 'item', receiveCount: 1 })], at: 5_000 }]);
    expect(polls.filter((p) => p.got.length === 0).map((p) => p.at)).toEqual([WAIT_MS, WAIT_MS]);
  });

  it('returns a received, undeleted message when its visibility timeout ends within the wait', async () => {
    const { time, queue } = queueOnClock();
    queue.send('item');
    const [first] = queue.receive(1);
    time.advance(VISIBILITY_MS - 2_000);
    const poll = await time.run(() => longPoll(time, queue));
    expect(poll.at).toBe(VISIBILITY_MS);
    expect(poll.got).toEqual([expect.objectContaining({ messageId: first?.messageId, receiveCount: 2 })]);
  });
});
