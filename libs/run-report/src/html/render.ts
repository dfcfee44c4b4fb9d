import { RunReportData } from '../report-data';
import { callsCharts, progressChart } from './charts';
import { escapeHtml } from './format';
import { checksList, failedAccountsTable, failuresTable, headlineCards, outcomesTable, skipsTable } from './tables';

/**
 * A run report as one self-contained HTML page: inline CSS and SVG, no script, and a content
 * security policy that forbids fetching anything, so it opens the same offline. Every text from the
 * data is escaped. A pure function of the data.
 */
export function renderRunReport(data: RunReportData): string {
  const source =
    data.source === 'simulation'
      ? 'An offline simulation: virtual time, every call to the simulated Account Management API counted.'
      : 'A deployed run, from its stored outcomes.';
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(data.title)}</h1><p class="source">${escapeHtml(source)}</p></header>`,
    headlineCards(data.headline, data.source),
    checksList(data.checks),
    '<section id="calls"><h2>Calls per second</h2>',
    callsCharts(data.calls, data.progress.endSeconds),
    '</section>',
    '<section id="progress"><h2>Progress</h2>',
    progressChart(data.progress),
    '</section>',
    '<section id="outcomes"><h2>Outcomes</h2>',
    outcomesTable(data.outcomes),
    '<h3>Skipped, by reason</h3>',
    skipsTable(data.skippedBy),
    '<h3>Failures by error code</h3>',
    failuresTable(data.failuresByCode),
    failedAccountsTable(data.failedAccounts),
    '</section>',
    '</body></html>',
    '',
  ].join('\n');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;background:#f9fafb;margin:0 auto;max-width:960px;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
.source,.note,.empty{color:#4b5563;margin:4px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:14px 0}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px}.card .label{color:#6b7280;font-size:12px}
.card .value{font-size:20px;font-weight:600}.card .detail{color:#6b7280;font-size:12px}
.checks{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 18px}.checks .held::before{content:"\\2713 ";color:#16a34a}.checks .broken{color:#b91c1c}.checks .broken::before{content:"\\2717 "}
figure.chart{background:#fff;border:1px solid #e5e7eb;border-radius:8px;margin:10px 0;padding:8px 10px}figcaption{font-weight:600;margin-bottom:2px}
svg{display:block;width:100%;height:auto}svg text{font-size:11px;fill:#4b5563}
.grid{stroke:#f1f5f9}.axis,.tick-mark{stroke:#9ca3af}
polyline{fill:none;stroke-width:1.6;stroke-linejoin:round}.quota,.floor{stroke:#111827;stroke-dasharray:6 4;stroke-width:1.2}.ref-label{fill:#111827;font-weight:600}
path.throttled{opacity:.75}
.legend{list-style:none;padding:0;margin:4px 0 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:#374151}
.swatch{display:inline-block;width:14px;height:3px;margin-right:6px;vertical-align:middle}.swatch.bar{height:10px;width:6px}
.swatch.dash{height:0;border-top:2px dashed #111827;background:none!important}
table{border-collapse:collapse;background:#fff;margin:6px 0}th,td{border:1px solid #e5e7eb;padding:4px 10px;text-align:left}
thead th{background:#f3f4f6}.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:ui-monospace,Menlo,monospace}
.not-recorded{color:#6b7280;font-style:italic}
`;
