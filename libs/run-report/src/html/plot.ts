import { escapeHtml, finite } from './format';

const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A step of 1, 2 or 5 times a power of ten that cuts `max` into at most `count` parts. */
export function niceStep(max: number, count = 5): number {
  const rough = Math.max(finite(max), 1e-9) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  return ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
}

/** A step of a whole number of seconds, minutes or hours that cuts `max` seconds into at most `count` parts. */
export function timeStep(max: number, count = 8): number {
  return TIME_STEPS.find((s) => finite(max) / s <= count) ?? Math.ceil(finite(max) / count / 86400) * 86400;
}

const fixed = (value: number) => (Math.round(finite(value) * 10) / 10).toString();
/** An axis' extent: positive, and small enough that its ticks and scale stay finite. */
const extent = (value: number) => (finite(value) > 0 ? Math.min(finite(value), 1e12) : 1);
/** Ticks drawn per axis at most, whatever the step works out to. */
const MAX_TICKS = 20;

const clamp = (value: number, max: number) => Math.min(Math.max(finite(value), 0), max);

/** A chart's drawing area and scales: data `x` from 0 to `xMax` (seconds), `y` from 0 to `yMax`. */
export class Plot {
  readonly left = 64;
  readonly right = 20;
  readonly top = 14;
  readonly bottom = 30;

  readonly xMax: number;
  readonly yMax: number;

  constructor(
    xMax: number,
    yMax: number,
    readonly width = 900,
    readonly height = 200,
  ) {
    this.xMax = extent(xMax);
    this.yMax = extent(yMax);
  }

  /** Data `x` in pixels, kept inside the drawing area. */
  x(value: number): number {
    return this.left + (clamp(value, this.xMax) / this.xMax) * (this.width - this.left - this.right);
  }

  /** Data `y` in pixels, kept inside the drawing area. */
  y(value: number): number {
    return this.height - this.bottom - (clamp(value, this.yMax) / this.yMax) * (this.height - this.top - this.bottom);
  }

  /** The opening `<svg>` tag, with data attributes that name the chart. */
  open(attributes: Record<string, string | number>, label: string): string {
    const data = Object.entries(attributes)
      .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
      .join('');
    return `<svg viewBox="0 0 ${this.width} ${this.height}" role="img" aria-label="${escapeHtml(label)}"${data}>`;
  }

  /** Grid, ticks and labels of both axes; `minYStep` 1 for counts. */
  axes(formatX: (v: number) => string, formatY: (v: number) => string, minYStep = 0): string {
    const parts: string[] = ['<g class="axes">'];
    const yStep = Math.max(niceStep(this.yMax, 4), minYStep);
    for (let i = 0, v = 0; v <= this.yMax * (1 + 1e-9) && i <= MAX_TICKS; i += 1, v = i * yStep) {
      const y = fixed(this.y(v));
      parts.push(`<line class="grid" x1="${this.left}" x2="${this.width - this.right}" y1="${y}" y2="${y}"/>`);
      parts.push(
        `<text class="tick" x="${this.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatY(v))}</text>`,
      );
    }
    const xStep = timeStep(this.xMax);
    for (let i = 0, v = 0; v <= this.xMax * (1 + 1e-9) && i <= MAX_TICKS; i += 1, v = i * xStep) {
      const x = fixed(this.x(v));
      const base = this.height - this.bottom;
      parts.push(`<line class="tick-mark" x1="${x}" x2="${x}" y1="${base}" y2="${base + 4}"/>`);
      parts.push(`<text class="tick" x="${x}" y="${base + 16}" text-anchor="middle">${escapeHtml(formatX(v))}</text>`);
    }
    parts.push(
      `<line class="axis" x1="${this.left}" x2="${this.width - this.right}" y1="${this.height - this.bottom}" y2="${this.height - this.bottom}"/>`,
      '</g>',
    );
    return parts.join('');
  }

  /** A line through data points, with a tooltip. */
  polyline(points: ReadonlyArray<readonly [number, number]>, className: string, colour: string, title: string, data = ''): string {
    const coordinates = points.map(([x, y]) => `${fixed(this.x(x))},${fixed(this.y(y))}`).join(' ');
    return `<polyline class="${className}" points="${coordinates}" stroke="${colour}"${data}><title>${escapeHtml(title)}</title></polyline>`;
  }

  /** Vertical bars from 0 to each value (zero values drawn not at all), as one path. */
  bars(values: ReadonlyArray<readonly [number, number]>, barWidth: number, className: string, colour: string, title: string): string {
    const width = Math.max(1.5, barWidth);
    const d = values
      .filter(([, v]) => finite(v) > 0)
      .map(([x, v]) => `M${fixed(this.x(x))} ${fixed(this.y(0))}V${fixed(this.y(v))}`)
      .join('');
    if (d === '') return '';
    return `<path class="${className}" d="${d}" stroke="${colour}" stroke-width="${fixed(width)}"><title>${escapeHtml(title)}</title></path>`;
  }

  /** A horizontal reference line at data `y`, labelled at its right end. */
  hLine(value: number, className: string, label: string): string {
    const y = fixed(this.y(value));
    return (
      `<line class="${className}" x1="${this.left}" x2="${this.width - this.right}" y1="${y}" y2="${y}"><title>${escapeHtml(label)}</title></line>` +
      `<text class="ref-label" x="${this.width - this.right - 4}" y="${fixed(this.y(value) - 4)}" text-anchor="end">${escapeHtml(label)}</text>`
    );
  }

  /** A vertical reference line at data `x`, labelled at its top. */
  vLine(value: number, className: string, label: string): string {
    const x = fixed(this.x(value));
    const anchor = this.x(value) > this.width / 2 ? 'end' : 'start';
    const dx = anchor === 'end' ? -4 : 4;
    return (
      `<line class="${className}" x1="${x}" x2="${x}" y1="${this.top}" y2="${this.height - this.bottom}"><title>${escapeHtml(label)}</title></line>` +
      `<text class="ref-label" x="${fixed(this.x(value) + dx)}" y="${this.top + 10}" text-anchor="${anchor}">${escapeHtml(label)}</text>`
    );
  }

  /** Width in pixels of `seconds` of data. */
  span(seconds: number): number {
    return (clamp(seconds, this.xMax) / this.xMax) * (this.width - this.left - this.right);
  }
}
