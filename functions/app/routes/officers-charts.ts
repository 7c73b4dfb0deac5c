import { nice, ticks } from 'd3-array';

/**
 * Server-rendered charts for the officers' dashboard: plain numbers for an SVG template
 * (web/views/officers/chart.njk). Each chart has a title and a text description for screen
 * readers, and every chart is followed on the page by a table of the same figures.
 */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** Read out for the bar (its <title>). */
  label: string;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}

export interface Chart {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  bars: ChartBar[];
  texts: ChartText[];
  lines: { x1: number; y1: number; x2: number; y2: number }[];
  legend: { fill: string; text: string }[];
}

/** GOV.UK palette colours with at least 3:1 contrast against white. */
export const COLOURS = {
  blue: '#1d70b8',
  green: '#00703c',
  orange: '#b64c00',
  purple: '#4c2c92',
  grey: '#505a5f',
};

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

/** What a group's bar says when there is no figure (nothing was determined), instead of a 0. */
export const NOT_DETERMINED = 'Not determined';

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
  const width = 760;
  const height = 300;
  const left = 56;
  const bottom = 40;
  const top = 16;
  const plotWidth = width - left - 16;
  const plotHeight = height - top - bottom;
  const unit = input.axis?.unit ?? '';
  const values = input.groups.flatMap((group) => group.values).filter((v): v is number => v !== null);
  const axis = valueAxis(Math.max(0, ...values), {
    ...(input.axis?.top !== undefined ? { top: input.axis.top } : {}),
    integer: values.every(Number.isInteger),
  });
  const max = axis.top;
  const groupWidth = plotWidth / Math.max(1, input.groups.length);
  const barWidth = Math.max(4, (groupWidth * 0.8) / input.series.length);
  const chart: Chart = {
    id: input.id,
    title: input.title,
    description: input.description,
    width,
    height,
    bars: [],
    texts: [],
    lines: [],
    legend: input.series.map((series) => ({ fill: series.fill, text: series.name })),
  };
  const yOf = (value: number) => top + plotHeight - (Math.min(value, max) / max) * plotHeight;
  for (const value of axis.ticks) {
    const y = yOf(value);
    chart.lines.push({ x1: left, y1: y, x2: width - 16, y2: y });
    chart.texts.push({ x: left - 6, y: y + 4, text: `${format(value)}${unit}`, anchor: 'end' });
  }
  input.groups.forEach((group, g) => {
    const groupX = left + g * groupWidth + groupWidth * 0.1;
    group.values.forEach((value, s) => {
      const name = input.series[s]?.name ?? '';
      if (value === null) {
        chart.texts.push({
          x: groupX + s * barWidth + barWidth / 2,
          y: top + plotHeight - 6,
          text: NOT_DETERMINED,
          anchor: 'middle',
        });
        return;
      }
      const barHeight = top + plotHeight - yOf(value);
      chart.bars.push({
        x: groupX + s * barWidth,
        y: yOf(value),
        width: barWidth - 2,
        height: barHeight,
        fill: input.series[s]?.fill ?? COLOURS.grey,
        label: `${group.label}: ${name} ${format(value)}${unit}`,
      });
    });
    chart.texts.push({
      x: left + g * groupWidth + groupWidth / 2,
      y: height - bottom + 18,
      text: group.label,
      anchor: 'middle',
    });
  });
  return chart;
}

/** Horizontal bars, one per row, each with its value written beside it. */
export function horizontalBarChart(input: {
  id: string;
  title: string;
  description: string;
  rows: { label: string; value: number; display: string }[];
  max?: number;
  fill?: string;
}): Chart {
  const rowHeight = 28;
  const labelWidth = 330;
  const width = 760;
  const height = Math.max(1, input.rows.length) * rowHeight + 16;
  const plotWidth = width - labelWidth - 80;
  const max = input.max ?? valueAxis(Math.max(0, ...input.rows.map((row) => row.value))).top;
  const chart: Chart = {
    id: input.id,
    title: input.title,
    description: input.description,
    width,
    height,
    bars: [],
    texts: [],
    lines: [],
    legend: [],
  };
  input.rows.forEach((row, i) => {
    const y = 8 + i * rowHeight;
    const barWidth = max === 0 ? 0 : (row.value / max) * plotWidth;
    const label = row.label.length > 48 ? `${row.label.slice(0, 46)}…` : row.label;
    chart.texts.push({ x: labelWidth - 8, y: y + 17, text: label, anchor: 'end' });
    chart.bars.push({
      x: labelWidth,
      y: y + 3,
      width: barWidth,
      height: rowHeight - 8,
      fill: input.fill ?? COLOURS.blue,
      label: `${row.label}: ${row.display}`,
    });
    chart.texts.push({ x: labelWidth + barWidth + 6, y: y + 17, text: row.display, anchor: 'start' });
  });
  chart.lines.push({ x1: labelWidth, y1: 4, x2: labelWidth, y2: height - 4 });
  return chart;
}
