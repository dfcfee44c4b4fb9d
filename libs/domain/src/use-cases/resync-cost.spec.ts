import { DEFAULT_RATE_SETTINGS } from '../config/rate-settings';
import { PlanEntry } from './reconcile';
import { resyncCost } from './resync-cost';

const entry = (accountId: string, kind: PlanEntry['kind'], action: PlanEntry['action'], detail?: string): PlanEntry => ({
  accountId,
  kind,
  action,
  ...(detail ? { detail } : {}),
});

describe('resyncCost', () => {
  it('counts one read per account-kind compared and one write per pending change, and the time the rates need', () => {
    const entries: PlanEntry[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const id = String(100000000000 + i);
      entries.push(entry(id, 'PRIMARY', 'UNCHANGED'), entry(id, 'SECURITY', i < 30 ? 'PUT' : 'UNCHANGED'));
    }
    entries.push(entry('999999999999', 'SECURITY', 'SKIP', 'EXCLUDED_BY_OU ou-ab12-cd34ef56'));
    entries.push(entry('999999999998', 'BILLING', 'DELETE'));
    expect(resyncCost(entries, DEFAULT_RATE_SETTINGS, false)).toEqual({
      calls: { GetContactInformation: 1000, GetAlternateContact: 1001, PutAlternateContact: 30, DeleteAlternateContact: 1 },
      tagReads: 0,
      // 1,001 GetAlternateContact at 10 a second after a burst of 15.
      seconds: 99,
    });
  });

  it('with tag rules, reads the tags of every member no id or OU rule leaves out, and nothing of the members a tag rule leaves out', () => {
    const entries = [
      entry('222222222222', 'SECURITY', 'UNCHANGED'),
      entry('333333333333', 'SECURITY', 'SKIP', 'EXCLUDED_BY_TAG contact-sync:exclude=true'),
      entry('444444444444', 'SECURITY', 'SKIP', 'EXCLUDED_BY_ID'),
      entry('555555555555', 'SECURITY', 'ERROR', 'TAGS_UNREADABLE'),
    ];
    expect(resyncCost(entries, DEFAULT_RATE_SETTINGS, true)).toEqual({ calls: { GetAlternateContact: 1 }, tagReads: 3, seconds: 0 });
  });
});
