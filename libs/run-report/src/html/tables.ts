import { FailedAccounts, Headline, OutcomeCount } from '../report-data';
import { escapeHtml, finite, formatCount, formatDuration, formatNumber } from './format';

const STATUS_ORDER = ['UPDATED', 'UNCHANGED', 'SKIPPED', 'SUPERSEDED', 'FAILED'];
const NOT_RECORDED = 'not recorded';

const card = (name: string, label: string, value: string, detail = '') =>
  `<div class="card" data-figure="${escapeHtml(name)}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${detail ? `<div class="detail">${escapeHtml(detail)}</div>` : ''}</div>`;

/** The headline figures, each a card; figures a source does not have say so. */
export function headlineCards(h: Headline, source: 'simulation' | 'deployed'): string {
  const opt = (value: number | undefined, format: (v: number) => string) => (value === undefined ? NOT_RECORDED : format(value));
  return [
    '<section class="cards">',
    h.status !== undefined ? card('status', 'Status', h.status) : '',
    card(
      'efficiency',
      'Efficiency',
      opt(h.efficiency, (v) => `${formatNumber(v * 100)}%`),
      'the quota floor over the time taken',
    ),
    source === 'simulation'
      ? card(
          'simulated',
          'Simulated time',
          opt(h.simulatedSeconds, formatDuration),
          h.floorSeconds !== undefined ? `quota floor ${formatDuration(h.floorSeconds)}` : '',
        )
      : '',
    card(
      'wall',
      source === 'simulation' ? 'Wall time' : 'Duration',
      formatDuration(h.wallSeconds),
      source === 'simulation' ? 'on this machine' : '',
    ),
    card(
      'calls-per-target',
      'Calls per target',
      opt(h.callsPerTarget, (v) => formatNumber(v, 2)),
      h.callsPerTargetBasis ?? '',
    ),
    card('targets', 'Account-kinds targeted', formatCount(h.targets), `in ${formatCount(h.runs)} run${h.runs === 1 ? '' : 's'}`),
    h.apiCalls !== undefined ? card('api-calls', 'API calls', formatCount(h.apiCalls), 'retries included') : '',
    card(
      'throttled',
      'Throttled / retries',
      h.throttled === undefined && h.retries === undefined
        ? NOT_RECORDED
        : `${opt(h.throttled, formatCount)} / ${opt(h.retries, formatCount)}`,
    ),
    '</section>',
  ].join('');
}

/** Counts that must be 0, each marked held or broken. */
export function checksList(checks: Readonly<Record<string, number>> | undefined): string {
  if (!checks || Object.keys(checks).length === 0) return '';
  const items = Object.entries(checks).map(
    ([name, value]) =>
      `<li class="${finite(value) === 0 ? 'held' : 'broken'}" data-check="${escapeHtml(name)}">${escapeHtml(name)}: <strong>${formatCount(value)}</strong></li>`,
  );
  return `<ul class="checks">${items.join('')}</ul>`;
}

/** Account-kinds by kind (rows) and status (columns), with totals. */
export function outcomesTable(outcomes: readonly OutcomeCount[]): string {
  if (outcomes.length === 0) return '<p class="empty">No outcomes recorded.</p>';
  const statuses = [...new Set(outcomes.map((o) => o.status))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const kinds = [...new Set(outcomes.map((o) => o.kind))].sort();
  const count = (kind: string | undefined, status: string | undefined) =>
    outcomes
      .filter((o) => (kind === undefined || o.kind === kind) && (status === undefined || o.status === status))
      .reduce((n, o) => n + finite(o.count), 0);
  const head = `<tr><th>kind</th>${statuses.map((s) => `<th class="num">${escapeHtml(s)}</th>`).join('')}<th class="num">total</th></tr>`;
  const row = (label: string, kind: string | undefined) =>
    `<tr><th>${escapeHtml(label)}</th>${statuses.map((s) => `<td class="num">${formatCount(count(kind, s))}</td>`).join('')}<td class="num">${formatCount(count(kind, undefined))}</td></tr>`;
  return `<table data-table="outcomes"><thead>${head}</thead><tbody>${kinds.map((k) => row(k, k)).join('')}</tbody><tfoot>${row('all kinds', undefined)}</tfoot></table>`;
}

/** Failed account-kinds by error code. */
export const failuresTable = (byCode: Readonly<Record<string, number>>): string =>
  countsTable('failures', 'error code', 'No failures.', byCode);

/** Skipped account-kinds by reason and rule, the most frequent first. */
export const skipsTable = (skippedBy: Readonly<Record<string, number>> | undefined): string =>
  countsTable('skips', 'reason', 'No account-kind skipped.', skippedBy ?? {});

/** Account-kinds counted by a key (a code, a reason), the most frequent first; `empty` when there are none. */
function countsTable(name: string, keyHeader: string, empty: string, counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => finite(y) - finite(x) || a.localeCompare(b));
  if (entries.length === 0) return `<p class="empty" data-table="${name}">${empty}</p>`;
  const rows = entries.map(([key, n]) => `<tr><td>${escapeHtml(key)}</td><td class="num">${formatCount(n)}</td></tr>`).join('');
  return `<table data-table="${name}"><thead><tr><th>${keyHeader}</th><th class="num">account-kinds</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The failed accounts by id, with the reason; never a contact value. */
export function failedAccountsTable(failed: FailedAccounts): string {
  if (failed.rows.length === 0) return '';
  const rows = failed.rows
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.runId)}</td><td class="mono">${escapeHtml(f.accountId)}</td><td>${escapeHtml(f.kind)}</td><td>${escapeHtml(f.errorCode)}</td></tr>`,
    )
    .join('');
  const more =
    failed.total > failed.rows.length
      ? `<p class="note">The first ${formatCount(failed.rows.length)} of ${formatCount(failed.total)} failed account-kinds.</p>`
      : '';
  return `<h3>Failed accounts</h3>${more}<table data-table="failed-accounts"><thead><tr><th>run</th><th>account</th><th>kind</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const rank = (status: string) => {
  const i = STATUS_ORDER.indexOf(status);
  return i < 0 ? STATUS_ORDER.length : i;
};
