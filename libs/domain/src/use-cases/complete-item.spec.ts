import { ItemLedgerPort } from '../ports/item-ledger.port';
import { RunStorePort } from '../ports/run-store.port';
import { ItemCompletion } from '../sync/finish-claim';
import { completeItemAndClaimFinish } from './complete-item';

const AT = '2026-11-22T09:10:00.000Z';

/** A store of one run: its completion answers as given, and its finish claim won by the first claimant. */
function store(answer: ItemCompletion | undefined) {
  const calls: string[] = [];
  let claimedBy: string | undefined;
  const items: Pick<ItemLedgerPort, 'completeItem'> = {
    completeItem: async (runId, itemId, nowIso) => {
      calls.push(`complete ${runId} ${itemId} ${nowIso}`);
      return answer;
    },
  };
  const runs: Pick<RunStorePort, 'claimFinish'> = {
    claimFinish: async (runId, claimant) => {
      calls.push(`claim ${runId} ${claimant}`);
      if (claimedBy !== undefined) return false;
      claimedBy = claimant;
      return true;
    },
  };
  return { items: items as ItemLedgerPort, runs: runs as RunStorePort, calls };
}

describe('completeItemAndClaimFinish', () => {
  it('completes the item, then claims the finish of a launched run with nothing left: true for the claim that wins', async () => {
    const s = store({ launch: 'LAUNCHED', remaining: 0, finishClaimed: false });
    expect(await completeItemAndClaimFinish(s.items, s.runs, 'run-1', 'run-1:3', AT)).toBe(true);
    expect(await completeItemAndClaimFinish(s.items, s.runs, 'run-1', 'run-1:2', AT)).toBe(false);
    expect(s.calls).toEqual([`complete run-1 run-1:3 ${AT}`, 'claim run-1 run-1:3', `complete run-1 run-1:2 ${AT}`, 'claim run-1 run-1:2']);
  });

  it('claims nothing while items remain, while the run launches, once the finish is claimed, or for an unknown item', async () => {
    for (const answer of [
      { launch: 'LAUNCHED', remaining: 2, finishClaimed: false },
      { launch: 'CLAIMED', remaining: 0, finishClaimed: false },
      { launch: 'LAUNCHED', remaining: 0, finishClaimed: true },
      undefined,
    ] as const) {
      const s = store(answer);
      expect(await completeItemAndClaimFinish(s.items, s.runs, 'run-1', 'run-1:0', AT)).toBe(false);
      expect(s.calls).toEqual([`complete run-1 run-1:0 ${AT}`]);
    }
  });
});
