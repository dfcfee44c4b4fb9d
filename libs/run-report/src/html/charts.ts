import { CallsOverTime, Progress } from '../report-data';
import { escapeHtml, finite, formatClock, formatCount, formatDuration, formatNumber, maxOf } from './format';
import { Plot } from './plot';

const PALETTE = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#65a30d', '#475569'];
export const colourOf = (index: number): string => PALETTE[index % PALETTE.length] as string;
const THROTTLED = '#dc2626';
/** Points drawn per line at most: about two pixels each; finer buckets are summed. */
const MAX_DRAWN_BUCKETS = 450;
const RETRIES = '#f59e0b';

const sum = (values: readonly number[]) => values.reduce((n, v) => n + finite(v), 0);
const legend = (items: ReadonlyArray<readonly [string, string, string]>) =>
  `<ul class="legend">${items.map(([cls, colour, text]) => `<li><span class="swatch ${cls}" style="background:${colour}"></span>${escapeHtml(text)}</li>`).join('')}</ul>`;

/** Per bucket `[midpoint seconds, per-second rate]`, over `buckets` buckets (missing counts are 0). */
function rates(calls: CallsOverTime, values: readonly number[], buckets: number): Array<[number, number]> {
  const width = calls.bucketSeconds || 1;
  return Array.from({ length: buckets }, (_, i) => [calls.startSeconds + (i + 0.5) * width, finite(values[i]) / width]);
}

/** The same counts in buckets `factor` times as wide. */
function widen(calls: CallsOverTime, factor: number): CallsOverTime {
  if (factor <= 1) return calls;
  const sumUp = (values: readonly number[]) => {
    const wide: number[] = [];
    for (let i = 0; i < values.length; i += 1) wide[Math.floor(i / factor)] = (wide[Math.floor(i / factor)] ?? 0) + finite(values[i]);
    return wide;
  };
  return {
    startSeconds: calls.startSeconds,
    bucketSeconds: calls.bucketSeconds * factor,
    operations: calls.operations.map((o) => ({ ...o, calls: sumUp(o.calls), throttled: sumUp(o.throttled) })),
    retries: sumUp(calls.retries),
  };
}

/**
 * One chart per operation: calls per second, the quota's rate as a dashed line, throttled answers as
 * red bars; then throttled answers and retries of all operations together.
 */
export function callsCharts(recorded: CallsOverTime | undefined, endSeconds: number): string {
  if (!recorded) return '<p class="not-recorded" data-chart="calls-not-recorded">Calls per second: not recorded for deployed runs.</p>';
  const bucketsOf = (c: CallsOverTime) => maxOf([c.retries.length, ...c.operations.flatMap((o) => [o.calls.length, o.throttled.length])]);
  const calls = widen(recorded, Math.ceil(bucketsOf(recorded) / MAX_DRAWN_BUCKETS));
  const buckets = bucketsOf(calls);
  const xMax = Math.max(finite(endSeconds), calls.startSeconds + buckets * calls.bucketSeconds, 1);
  const charts = calls.operations.map((op, index) => {
    const points = rates(calls, op.calls, buckets);
    const throttled = rates(calls, op.throttled, buckets);
    const peak = maxOf(points.map(([, v]) => v));
    const plot = new Plot(xMax, Math.max(peak, finite(op.quotaPerSecond), 1) * 1.15, 900, 170);
    const total = sum(op.calls);
    const throttledTotal = sum(op.throttled);
    const colour = colourOf(index);
    return [
      `<figure class="chart"><figcaption>${escapeHtml(op.operation)}</figcaption>`,
      plot.open({ chart: 'calls', operation: op.operation, calls: total, throttled: throttledTotal }, `${op.operation} calls per second`),
      plot.axes(formatClock, (v) => formatNumber(v)),
      plot.bars(throttled, plot.span(calls.bucketSeconds), 'throttled', THROTTLED, `${formatCount(throttledTotal)} throttled answers`),
      plot.polyline(points, 'calls', colour, `${op.operation}: ${formatCount(total)} calls, peak ${formatNumber(peak)}/s`),
      plot.hLine(op.quotaPerSecond, 'quota', `quota ${formatNumber(op.quotaPerSecond)}/s`),
      '</svg>',
      legend([
        ['line', colour, `calls per second (${formatCount(total)} calls)`],
        ['dash', '#111827', `quota ${formatNumber(op.quotaPerSecond)} per second`],
        ['bar', THROTTLED, `throttled per second (${formatCount(throttledTotal)})`],
      ]),
      '</figure>',
    ].join('');
  });
  return [
    `<p class="note">Buckets of ${escapeHtml(formatDuration(calls.bucketSeconds))}.</p>`,
    ...charts,
    troubleChart(calls, buckets, xMax),
  ].join('');
}

function troubleChart(calls: CallsOverTime, buckets: number, xMax: number): string {
  const throttledAll = Array.from({ length: buckets }, (_, i) => sum(calls.operations.map((o) => finite(o.throttled[i]))));
  const throttled = rates(calls, throttledAll, buckets);
  const retries = rates(calls, calls.retries, buckets);
  const peak = maxOf(
    [...throttled, ...retries].map(([, v]) => v),
    1,
  );
  const plot = new Plot(xMax, peak * 1.15, 900, 150);
  const throttledTotal = sum(throttledAll);
  const retriesTotal = sum(calls.retries);
  return [
    '<figure class="chart"><figcaption>Throttled answers and retries, all operations</figcaption>',
    plot.open({ chart: 'trouble', throttled: throttledTotal, retries: retriesTotal }, 'throttled answers and retries per second'),
    plot.axes(formatClock, (v) => formatNumber(v)),
    plot.bars(throttled, plot.span(calls.bucketSeconds), 'throttled', THROTTLED, `${formatCount(throttledTotal)} throttled answers`),
    plot.polyline(retries, 'retries', RETRIES, `${formatCount(retriesTotal)} retries`),
    '</svg>',
    legend([
      ['bar', THROTTLED, `throttled per second (${formatCount(throttledTotal)})`],
      ['line', RETRIES, `retries per second (${formatCount(retriesTotal)})`],
    ]),
    '</figure>',
  ].join('');
}

/** Account-kinds done over time, one line per run, with the quota floor's finish time. */
export function progressChart(progress: Progress): string {
  const lastPoint = maxOf(progress.runs.map((r) => finite(r.points[r.points.length - 1]?.[0])));
  const xMax = Math.max(finite(progress.endSeconds), finite(progress.floorSeconds) * 1.05, lastPoint, 1);
  const yMax =
    maxOf(
      progress.runs.flatMap((r) => [finite(r.targets), finite(r.points[r.points.length - 1]?.[1])]),
      1,
    ) * 1.08;
  const plot = new Plot(xMax, yMax, 900, 240);
  const lines = progress.runs.map((run, index) => {
    const done = finite(run.points[run.points.length - 1]?.[1]);
    const label = `${run.runId} (${run.kinds.join(', ')}): ${formatCount(done)} of ${formatCount(run.targets)} account-kinds`;
    return plot.polyline(
      run.points,
      'run',
      colourOf(index),
      label,
      ` data-run="${escapeHtml(run.runId)}" data-points="${run.points.length}"`,
    );
  });
  const floor = progress.floorSeconds;
  return [
    '<figure class="chart"><figcaption>Account-kinds done</figcaption>',
    plot.open({ chart: 'progress', runs: progress.runs.length }, 'account-kinds done over time, per run'),
    plot.axes(formatClock, formatCount, 1),
    ...lines,
    floor !== undefined && floor > 0 ? plot.vLine(floor, 'floor', `quota floor ${formatDuration(floor)}`) : '',
    '</svg>',
    legend([
      ...progress.runs.map(
        (run, index) => ['line', colourOf(index), `${run.runId} (${run.kinds.join(', ')}), ${formatCount(run.targets)} targeted`] as const,
      ),
      ...(floor !== undefined && floor > 0
        ? [['dash', '#111827', 'the quota floor: the earliest the quotas allow all to finish'] as const]
        : []),
    ]),
    '</figure>',
  ].join('');
}
