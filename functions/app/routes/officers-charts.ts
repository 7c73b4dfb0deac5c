import * as Plot from '@observablehq/plot';
import { nice, ticks } from 'd3-array';
import { parseHTML } from 'linkedom';
import { COLOURS, NOT_DETERMINED } from './charts.ts';

export { COLOURS, NOT_DETERMINED };

/**
 * Server-rendered charts for the statistics page and the officers' figures: Observable Plot draws
 * each chart into a linkedom document (no browser), and the SVG is serialised to a string for the
 * template (web/views/officers/chart.njk). Each chart has a title and a text description for
 * screen readers, and every chart is followed on the page by a table of the same figures.
 */
export interface Chart {
  id: string;
  title: string;
  description: string;
  /** The chart's SVG, built only from our numbers and escaped labels (linkedom escapes text and attributes). */
  svg: string;
  legend: { fill: string; text: string }[];
}

/** GOV.UK text colour, and the mid grey of its borders for the grid lines. */
const TEXT = '#0b0c0c';
const GRID = '#b1b4b6';

/**
 * A value axis from zero: d3-array's `nice` rounds the top to a round number and `ticks` picks
 * evenly spaced round values (1, 2 or 5 × a power of ten), so the labels are where the lines are.
 * Count axes keep whole numbers only; a fixed top (100 for a percentage) is kept as given.
 */
export function valueAxis(
  max: number,
  options: { top?: number; integer?: boolean } = {},
): { top: number; ticks: number[] } {
  const top = options.top ?? (max > 0 ? (nice(0, max, 5)[1] ?? max) : 1);
  const values = ticks(0, top, 5);
  return { top, ticks: options.integer ? values.filter(Number.isInteger) : values };
}

const format = (n: number) => n.toLocaleString('en-GB');

let plotDocument: Document | undefined;
/** One server-side document for every chart: Plot only creates detached elements in it. */
function serverDocument(): Document {
  plotDocument ??= parseHTML('<!doctype html><html><head></head><body></body></html>')
    .document as unknown as Document;
  return plotDocument;
}

/**
 * Plot's SVG, made to live under the pages' CSP (style-src 'self'): its `<style>` element and any
 * inline style go (register.scss gives the same rules), and it is named for screen readers by a
 * `<title>` and `<desc>` (role="img", aria-labelledby) instead of Plot's aria-label.
 */
function toSvg(node: Element, chart: { id: string; title: string; description: string }): string {
  const doc = serverDocument();
  for (const style of Array.from(node.querySelectorAll('style'))) style.remove();
  for (const styled of Array.from(node.querySelectorAll('[style]'))) styled.removeAttribute('style');
  node.removeAttribute('style');
  node.removeAttribute('aria-label');
  node.removeAttribute('aria-description');
  node.removeAttribute('width');
  node.removeAttribute('height');
  node.setAttribute('class', 'register-chart__svg');
  node.setAttribute('font-size', '13');
  node.setAttribute('role', 'img');
  node.setAttribute('aria-labelledby', `${chart.id}-title ${chart.id}-desc`);
  node.setAttribute('focusable', 'false');
  node.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  const svgNs = 'http://www.w3.org/2000/svg';
  const title = doc.createElementNS(svgNs, 'title');
  title.setAttribute('id', `${chart.id}-title`);
  title.textContent = chart.title;
  const desc = doc.createElementNS(svgNs, 'desc');
  desc.setAttribute('id', `${chart.id}-desc`);
  desc.textContent = chart.description;
  node.insertBefore(desc, node.firstChild);
  node.insertBefore(title, node.firstChild);
  return node.outerHTML;
}

/** Plot's options every chart shares: our document, one width (the SVG scales down), no figure wrapper. */
const common = () => ({
  document: serverDocument(),
  width: 760,
  figure: false as const,
  className: 'register-plot',
});

/** Vertical bars in groups (e.g. per year: organisations in scope and statements received). */
export function groupedBarChart(input: {
  id: string;
  title: string;
  description: string;
  /** A null value draws no bar and says "Not determined". */
  groups: { label: string; values: (number | null)[] }[];
  series: { name: string; fill: string }[];
  /** The axis: a fixed top (100 for percentages) and how its values are written. Counts by default. */
  axis?: { top?: number; unit?: string };
}): Chart {
  const unit = input.axis?.unit ?? '';
  const cells = input.groups.flatMap((group) =>
    group.values.map((value, s) => ({
      group: group.label,
      series: input.series[s]?.name ?? '',
      value,
    })),
  );
  const known = cells.filter((cell): cell is typeof cell & { value: number } => cell.value !== null);
  const unknown = cells.filter((cell) => cell.value === null);
  const axis = valueAxis(Math.max(0, ...known.map((cell) => cell.value)), {
    ...(input.axis?.top !== undefined ? { top: input.axis.top } : {}),
    integer: known.every((cell) => Number.isInteger(cell.value)),
  });
  const seriesNames = input.series.map((series) => series.name);
  const node = Plot.plot({
    ...common(),
    height: 300,
    marginLeft: 56,
    marginBottom: 36,
    fx: { domain: input.groups.map((group) => group.label), label: null, padding: 0.2 },
    x: { domain: seriesNames, axis: null, padding: 0.05 },
    y: {
      domain: [0, axis.top],
      ticks: axis.ticks,
      tickFormat: (value: number) => `${format(value)}${unit}`,
      label: null,
      clamp: true,
    },
    color: { domain: seriesNames, range: input.series.map((series) => series.fill) },
    marks: [
      Plot.gridY(axis.ticks, { stroke: GRID, strokeOpacity: 1 }),
      Plot.barY(known, {
        fx: 'group',
        x: 'series',
        y: 'value',
        fill: 'series',
        title: (cell: { group: string; series: string; value: number }) =>
          `${cell.group}: ${cell.series} ${format(cell.value)}${unit}`,
      }),
      Plot.text(unknown, {
        fx: 'group',
        x: 'series',
        y: 0,
        dy: -10,
        text: () => NOT_DETERMINED,
        fill: TEXT,
        fontSize: 13,
      }),
      Plot.ruleY([0], { stroke: TEXT, ariaHidden: 'true' }),
    ],
  });
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    svg: toSvg(node, input),
    legend: input.series.map((series) => ({ fill: series.fill, text: series.name })),
  };
}

/** Horizontal bars, one per row, each with its value written beside it. */
export function horizontalBarChart(input: {
  id: string;
  title: string;
  description: string;
  /** A null value draws no bar; its `display` (e.g. "Not determined") is written instead. */
  rows: { label: string; value: number | null; display: string }[];
  /** A fixed end of the axis (6 areas, 100 %); otherwise a round number above the largest value. */
  max?: number;
  unit?: string;
  fill?: string;
}): Chart {
  const unit = input.unit ?? '';
  const rows = input.rows.map((row, i) => ({
    ...row,
    // Two rows may share a label; the band is keyed by position and labelled by the tick format.
    key: String(i),
    short: row.label.length > 48 ? `${row.label.slice(0, 46)}…` : row.label,
  }));
  const values = rows.map((row) => row.value).filter((v): v is number => v !== null);
  const axis = valueAxis(Math.max(0, ...values), {
    ...(input.max !== undefined ? { top: input.max } : {}),
    integer: values.every(Number.isInteger) && (input.max === undefined || Number.isInteger(input.max)),
  });
  const labelOf = new Map(rows.map((row) => [row.key, row.short]));
  const node = Plot.plot({
    ...common(),
    height: Math.max(1, rows.length) * 28 + 44,
    marginLeft: 330,
    marginRight: 110,
    marginTop: 8,
    marginBottom: 36,
    y: {
      domain: rows.map((row) => row.key),
      tickFormat: (key: string) => labelOf.get(key) ?? '',
      label: null,
      padding: 0.25,
      tickSize: 0,
    },
    x: {
      domain: [0, axis.top],
      ticks: axis.ticks,
      tickFormat: (value: number) => `${format(value)}${unit}`,
      label: null,
      clamp: true,
    },
    marks: [
      Plot.gridX(axis.ticks, { stroke: GRID, strokeOpacity: 1 }),
      Plot.barX(
        rows.filter((row) => row.value !== null),
        {
          y: 'key',
          x: 'value',
          fill: input.fill ?? COLOURS.blue,
          title: (row: { label: string; display: string }) => `${row.label}: ${row.display}`,
        },
      ),
      Plot.text(rows, {
        y: 'key',
        x: (row: { value: number | null }) => Math.min(row.value ?? 0, axis.top),
        text: 'display',
        textAnchor: 'start',
        dx: 6,
        fill: TEXT,
        fontSize: 13,
      }),
      Plot.ruleX([0], { stroke: TEXT, ariaHidden: 'true' }),
    ],
  });
  return {
    id: input.id,
    title: input.title,
    description: input.description,
    svg: toSvg(node, input),
    legend: [],
  };
}
