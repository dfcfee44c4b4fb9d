const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML and SVG, in element content and in quoted attributes alike. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);

/** A finite number, or 0: coordinates and counts from stored data are never trusted to be numbers. */
export const finite = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** A whole number with thousands separators, the same in every locale. */
export function formatCount(value: number): string {
  const n = Math.round(finite(value));
  return `${n < 0 ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** A number with at most `digits` decimals, trailing zeros dropped (very large ones in exponent form). */
export function formatNumber(value: number, digits = 1): string {
  const v = finite(value);
  return Math.abs(v) >= 1e15 ? v.toExponential(2) : String(Math.round(v * 10 ** digits) / 10 ** digits);
}

/** A duration as a person reads it: `42.5 s`, `7 min 05 s`, `2 h 03 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, finite(seconds));
  if (s < 60) return `${formatNumber(s)} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${pad(whole % 60)} s`;
  return `${Math.floor(whole / 3600)} h ${pad(Math.floor((whole % 3600) / 60))} min`;
}

/** A time axis label: `45 s`, `12:30`, `1:02:30`. */
export function formatClock(seconds: number): string {
  const whole = Math.round(Math.max(0, finite(seconds)));
  if (whole < 60) return `${whole} s`;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(whole % 60)}` : `${m}:${pad(whole % 60)}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The largest of `values` and `floor` (no argument spreading: series can be long). */
export function maxOf(values: Iterable<number>, floor = 0): number {
  let max = floor;
  for (const v of values) if (finite(v) > max) max = finite(v);
  return max;
}
