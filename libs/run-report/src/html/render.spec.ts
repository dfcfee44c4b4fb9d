import { renderRunReport } from './render';
import { sampleReportData } from '../testing/sample-data';

const count = (html: string, pattern: RegExp) => (html.match(new RegExp(pattern, 'g')) ?? []).length;
const attribute = (element: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(element)?.[1];

describe('renderRunReport', () => {
  const html = renderRunReport(sampleReportData());

  it('draws one calls chart per operation, each line through every bucket, with the quota line at its rate', () => {
    expect(count(html, /<svg [^>]*data-chart="calls"/)).toBe(2);
    const lines = html.match(/<polyline class="calls"[^>]*>/g) ?? [];
    // The longest series has 10 buckets: every operation's line is drawn over all of them.
    expect(lines.map((l) => (attribute(l, 'points') ?? '').split(' ').length)).toEqual([10, 10]);
    const quotas = html.match(/<line class="quota"[^>]*>/g) ?? [];
    expect(quotas).toHaveLength(2);
    // y of rate 10 on a 0..(max 10/s)*1.15 scale over 170 px with margins 14/30: 140 - 10/11.5·126.
    expect(Number(attribute(quotas[0] as string, 'y1'))).toBeCloseTo(140 - (10 / 11.5) * 126, 0);
  });

  it('marks throttled answers and retries', () => {
    expect(count(html, /<path class="throttled"/)).toBe(3);
    expect(count(html, /<polyline class="retries"/)).toBe(1);
    expect(html).toContain('data-throttled="3" data-retries="4"');
  });

  it('draws each run’s progress and the quota floor', () => {
    expect(count(html, /<polyline class="run"/)).toBe(2);
    expect(html).toContain('data-run="run-a" data-points="3"');
    expect(count(html, /<line class="floor"/)).toBe(1);
    expect(html).toContain('quota floor 18 s');
  });

  it('shows the headline figures, outcomes, failures by code and the failed accounts', () => {
    expect(html).toContain('<div class="value">90%</div>');
    expect(html).toMatch(/<tfoot><tr><th>all kinds<\/th><td class="num">19<\/td><td class="num">1<\/td><td class="num">20<\/td>/);
    expect(html).toContain('<tr><td>ACCESS_DENIED</td><td class="num">1</td></tr>');
    expect(html).toContain('<td class="mono">100000000007</td>');
  });

  it('lists the skips by reason, the most frequent first, and says when there were none', () => {
    const page = renderRunReport(sampleReportData({ skippedBy: { KIND_DISABLED: 2, 'EXCLUDED_BY_OU ou-ab12-sandbox': 7 } }));
    const table = /<table data-table="skips">.*?<\/table>/.exec(page)?.[0] ?? '';
    expect(table.match(/<tr><td>[^<]*<\/td><td class="num">\d+<\/td><\/tr>/g)).toEqual([
      '<tr><td>EXCLUDED_BY_OU ou-ab12-sandbox</td><td class="num">7</td></tr>',
      '<tr><td>KIND_DISABLED</td><td class="num">2</td></tr>',
    ]);
    for (const none of [{}, { skippedBy: {} }]) {
      expect(renderRunReport(sampleReportData(none))).toContain('<p class="empty" data-table="skips">No account-kind skipped.</p>');
    }
  });

  it('needs no network: no script, no external reference, and a policy that forbids fetching', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(|@import/i);
  });

  it('says calls over time were not recorded when they were not', () => {
    const deployed = renderRunReport(sampleReportData({ source: 'deployed', calls: undefined }));
    expect(deployed).toContain('Calls per second: not recorded for deployed runs.');
    expect(deployed).not.toContain('data-chart="calls"');
  });

  it('renders data that went through JSON exactly as the data itself', () => {
    expect(renderRunReport(JSON.parse(JSON.stringify(sampleReportData())))).toBe(html);
  });

  it('escapes every text it is given', () => {
    const hostile = '<script>alert("x")</script>&\'';
    const page = renderRunReport(
      sampleReportData({
        title: hostile,
        failuresByCode: { [hostile]: 1 },
        skippedBy: { [hostile]: 1 },
        failedAccounts: { total: 1, rows: [{ runId: hostile, accountId: hostile, kind: hostile, errorCode: hostile }] },
      }),
    );
    expect(page).not.toContain('<script');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });
});
