import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  type Chart,
  groupedBarChart,
  horizontalBarChart,
  NOT_DETERMINED,
  valueAxis,
} from '../../functions/app/routes/officers-charts.ts';

/** The chart's SVG as a browser would parse it from the page. */
const svgOf = (chart: Chart) => {
  const { document } = parseHTML(`<!doctype html><html><body>${chart.svg}</body></html>`);
  const svg = document.querySelector('svg');
  if (!svg) throw new Error('no svg');
  return { document, svg };
};

/** The tick labels of an axis (Plot marks each group with aria-label="x-axis tick label"). */
const tickLabels = (chart: Chart, axis: 'x' | 'y') =>
  Array.from(svgOf(chart).svg.querySelectorAll(`[aria-label="${axis}-axis tick label"] text`));

/** Where each tick label sits along its axis, from its transform="translate(x,y)". */
const tickPositions = (chart: Chart, axis: 'x' | 'y') =>
  tickLabels(chart, axis).map((text) => {
    const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(text.getAttribute('transform') ?? '') ?? [];
    return Number(axis === 'x' ? x : y);
  });

const evenlySpaced = (positions: number[]) =>
  new Set(positions.slice(1).map((p, i) => Math.abs(p - positions[i]!).toFixed(6))).size === 1;

const counts = (values: (number | null)[]) =>
  groupedBarChart({
    id: 'c',
    title: 'Counts',
    description: 'Counts per year',
    groups: values.map((value, i) => ({ label: String(2020 + i), values: [value] })),
    series: [{ name: 'Statements', fill: '#1d70b8' }],
  });

describe('chart value axes', () => {
  it.each([
    { max: 5, integer: true, top: 5, ticks: [0, 1, 2, 3, 4, 5] },
    { max: 4, integer: true, top: 4, ticks: [0, 1, 2, 3, 4] },
    { max: 1, integer: true, top: 1, ticks: [0, 1] },
    { max: 0, integer: true, top: 1, ticks: [0, 1] },
    { max: 37, integer: true, top: 40, ticks: [0, 10, 20, 30, 40] },
    { max: 1234, integer: true, top: 1400, ticks: [0, 200, 400, 600, 800, 1000, 1200, 1400] },
  ])('puts evenly spaced round ticks on a count axis up to $max', ({ max, integer, top, ticks }) => {
    expect(valueAxis(max, { integer })).toEqual({ top, ticks });
  });

  it.each([
    { values: [5], labels: ['0', '1', '2', '3', '4', '5'] },
    { values: [1, 3], labels: ['0', '1', '2', '3'] },
    { values: [0, 0], labels: ['0', '1'] },
    { values: [37, 12], labels: ['0', '10', '20', '30', '40'] },
    { values: [1234], labels: ['0', '200', '400', '600', '800', '1,000', '1,200', '1,400'] },
  ])('draws a count axis for $values in whole numbers, evenly spaced', ({ values, labels }) => {
    const chart = counts(values);
    expect(tickLabels(chart, 'y').map((t) => t.textContent)).toEqual(labels);
    expect(evenlySpaced(tickPositions(chart, 'y'))).toBe(true);
  });

  it('draws the bar of the top value up to the top tick, in proportion to the values', () => {
    const chart = counts([5, 2]);
    const ys = tickPositions(chart, 'y');
    const bars = Array.from(svgOf(chart).svg.querySelectorAll('rect'));
    expect(bars.map((bar) => bar.querySelector('title')?.textContent)).toEqual([
      '2020: Statements 5',
      '2021: Statements 2',
    ]);
    const [five, two] = bars.map((bar) => Number(bar.getAttribute('height')));
    expect(Number(bars[0]!.getAttribute('y'))).toBeCloseTo(ys.at(-1)!);
    expect(two! / five!).toBeCloseTo(2 / 5);
  });

  it('runs a percentage axis from 0 to 100 whatever the values', () => {
    const chart = groupedBarChart({
      id: 'c',
      title: 'Share',
      description: '',
      groups: [{ label: '2025', values: [3] }],
      series: [{ name: 'Meets (%)', fill: '#00703c' }],
      axis: { top: 100, unit: '%' },
    });
    expect(tickLabels(chart, 'y').map((t) => t.textContent)).toEqual([
      '0%',
      '20%',
      '40%',
      '60%',
      '80%',
      '100%',
    ]);
    const sectors = horizontalBarChart({
      id: 's',
      title: 'Share by sector',
      description: '',
      rows: [{ label: 'Retail', value: 4, display: '4%' }],
      max: 100,
      unit: '%',
    });
    expect(tickLabels(sectors, 'x').map((t) => t.textContent)).toEqual([
      '0%',
      '20%',
      '40%',
      '60%',
      '80%',
      '100%',
    ]);
    expect(evenlySpaced(tickPositions(sectors, 'x'))).toBe(true);
  });
});

describe('charts with nothing determined', () => {
  it('draws no bar and says "Not determined" when a figure is missing, not 0', () => {
    const chart = groupedBarChart({
      id: 'c',
      title: 'Share',
      description: '',
      groups: [
        { label: '2024', values: [null] },
        { label: '2025', values: [50] },
      ],
      series: [{ name: 'Meets (%)', fill: '#00703c' }],
      axis: { top: 100, unit: '%' },
    });
    const { svg } = svgOf(chart);
    expect(Array.from(svg.querySelectorAll('rect title')).map((t) => t.textContent)).toEqual([
      '2025: Meets (%) 50%',
    ]);
    expect(Array.from(svg.querySelectorAll('[aria-label="text"] text')).map((t) => t.textContent)).toEqual([
      NOT_DETERMINED,
    ]);
  });

  it('writes "Not determined" beside a row with no figure and draws its bar for no one', () => {
    const chart = horizontalBarChart({
      id: 's',
      title: 'Share by sector',
      description: '',
      rows: [
        { label: 'Retail', value: 40, display: '40%' },
        { label: 'Mining', value: null, display: NOT_DETERMINED },
      ],
      max: 100,
      unit: '%',
    });
    const { svg } = svgOf(chart);
    expect(Array.from(svg.querySelectorAll('rect title')).map((t) => t.textContent)).toEqual(['Retail: 40%']);
    expect(Array.from(svg.querySelectorAll('[aria-label="text"] text')).map((t) => t.textContent)).toEqual([
      '40%',
      NOT_DETERMINED,
    ]);
  });
});

describe('chart SVG on the page', () => {
  const hostile = 'Acme <script>alert(1)</script> & "Sons" <img src=x onerror=alert(2)>';
  const charts = [
    horizontalBarChart({
      id: 'h',
      title: `Sectors: ${hostile}`,
      description: `${hostile}: 3`,
      rows: [{ label: hostile, value: 3, display: '3' }],
    }),
    groupedBarChart({
      id: 'g',
      title: `Years: ${hostile}`,
      description: hostile,
      groups: [{ label: hostile, values: [3] }],
      series: [{ name: hostile, fill: '#1d70b8' }],
    }),
  ];

  it.each(charts)('escapes an organisation or sector name with <script> and & (chart $id)', (chart) => {
    const { svg } = svgOf(chart);
    expect(svg.querySelectorAll('script, img, foreignObject')).toHaveLength(0);
    expect(chart.svg).not.toContain('<script');
    expect(chart.svg).toContain('&lt;script&gt;');
    expect(chart.svg).toContain('&amp;');
    const texts = Array.from(svg.querySelectorAll('text, title, desc')).map((t) => t.textContent ?? '');
    expect(texts.some((text) => text.includes(hostile))).toBe(true);
  });

  it.each(charts)(
    'is named by its title and description and carries no inline style (chart $id)',
    (chart) => {
      const { svg } = svgOf(chart);
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-labelledby')).toBe(`${chart.id}-title ${chart.id}-desc`);
      expect(svg.querySelector(`title#${chart.id}-title`)?.textContent).toBe(chart.title);
      expect(svg.querySelector(`desc#${chart.id}-desc`)?.textContent).toBe(chart.description);
      expect(svg.querySelectorAll('style')).toHaveLength(0);
      expect(svg.hasAttribute('style') || svg.querySelectorAll('[style]').length > 0).toBe(false);
    },
  );
});
