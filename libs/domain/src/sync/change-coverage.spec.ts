import { EVENT_TIME_ALLOWANCE_MS, headCoversChange, HeadHolder } from './change-coverage';
import { DEFAULT_WRITE_TIMING, answeredWriteSettlesAt, unansweredWriteSettlesAt } from './write-doubt';

const NOW = Date.parse('2026-12-07T10:00:00.000Z');
const FENCE = 15_000;
const iso = (ms: number) => new Date(ms).toISOString();
const covers = (holder: HeadHolder | undefined, eventTimeMs: number) =>
  headCoversChange(holder, iso(eventTimeMs), NOW, FENCE, DEFAULT_WRITE_TIMING);

describe('whether the run that holds a kind covers a change of it', () => {
  it('no holder: the change runs', () => {
    expect(covers(undefined, NOW - 1_000)).toBe(false);
  });

  it('a holder still in its fence covers a change that shows before its read, by the functions’ clocks only', () => {
    // Recorded 5 s ago: it reads 10 s from now, after the change shows (5 s at most).
    expect(covers({ status: 'RUNNING', startedAt: iso(NOW - 5_000) }, NOW + 86_400_000)).toBe(true);
    // Recorded 12 s ago: it reads 3 s from now, before the change may show.
    expect(covers({ status: 'RUNNING', startedAt: iso(NOW - 12_000) }, NOW - 1_000)).toBe(false);
    // Finished without reading (nothing to hold): nothing covered.
    expect(covers({ status: 'FINISHED', startedAt: iso(NOW - 1_000) }, NOW - 1_000)).toBe(false);
  });

  it('a holder that read the values covers only a change made more than the allowance before its read', () => {
    const readAt = NOW - 60_000;
    const holder = { status: 'RUNNING' as const, startedAt: iso(readAt - FENCE), desiredReadAt: iso(readAt) };
    expect(covers(holder, readAt - EVENT_TIME_ALLOWANCE_MS)).toBe(true);
    expect(covers(holder, readAt - EVENT_TIME_ALLOWANCE_MS + 1)).toBe(false);
    // An eventTime skewed ahead, by minutes or a day, is never covered: the genuine later change runs.
    expect(covers(holder, NOW + 10 * 60_000)).toBe(false);
    expect(covers(holder, NOW + 86_400_000)).toBe(false);
  });

  it('an eventTime that is not a date covers nothing', () => {
    const holder = { status: 'FINISHED' as const, startedAt: iso(NOW), desiredReadAt: iso(NOW) };
    expect(headCoversChange(holder, 'yesterday', NOW, FENCE, DEFAULT_WRITE_TIMING)).toBe(false);
  });
});

describe('when a write in doubt has settled', () => {
  it('an unanswered request may land until its signature expires, then shows after the consistency delay', () => {
    expect(unansweredWriteSettlesAt(NOW, DEFAULT_WRITE_TIMING)).toBe(NOW + 300_000 + 5_000);
  });

  it('an answered write landed before its answer, and shows after the consistency delay', () => {
    expect(answeredWriteSettlesAt(NOW, DEFAULT_WRITE_TIMING)).toBe(NOW + 5_000);
  });
});
