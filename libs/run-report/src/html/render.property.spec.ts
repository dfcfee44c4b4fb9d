import fc from 'fast-check';
import { renderRunReport } from './render';
import { sampleReportData } from '../testing/sample-data';

/** Any text, biased towards markup. */
const textArb = fc.oneof(fc.string(), fc.stringMatching(/^[<>&"' a-z/=]{0,20}$/));
/** Numbers a stored report could hold after a bad edit: any double, NaN and infinities included. */
const numberArb = fc.oneof(fc.double(), fc.integer());

const TAGS = new Set(
  'html head meta title style body header h1 h2 h3 p section div ul li strong figure figcaption svg g line text polyline path span table thead tbody tfoot tr th td'.split(
    ' ',
  ),
);

describe('the rendered page, whatever the data says', () => {
  it('holds only the renderer’s own elements and finite coordinates', () => {
    fc.assert(
      fc.property(textArb, textArb, textArb, numberArb, numberArb, (runId, code, operation, quota, point) => {
        const base = sampleReportData();
        const html = renderRunReport({
          ...base,
          title: runId,
          calls: {
            ...(base.calls as NonNullable<typeof base.calls>),
            operations: [{ operation, quotaPerSecond: quota, calls: [point, 1], throttled: [point] }],
          },
          progress: { ...base.progress, runs: [{ runId, kinds: [code], targets: point, points: [[point, point]] }] },
          failuresByCode: { [code]: point },
          failedAccounts: { total: 1, rows: [{ runId, accountId: code, kind: operation, errorCode: code }] },
        });
        const tags = Array.from(html.matchAll(/<\/?([a-zA-Z][\w-]*)/g), ([, tag]) => (tag as string).toLowerCase());
        expect(tags.filter((tag) => !TAGS.has(tag))).toEqual([]);
        expect(html).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 300 },
    );
  });
});
