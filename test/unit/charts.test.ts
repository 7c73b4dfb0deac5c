import { describe, expect, it } from 'vitest';
import { groupedBarChart, NOT_DETERMINED, valueAxis } from '../../functions/app/routes/officers-charts.ts';

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

  it('runs a percentage axis from 0 to 100 whatever the values', () => {
    const chart = groupedBarChart({
      id: 'c',
      title: 'Share',
      description: '',
      groups: [{ label: '2025', values: [3] }],
      series: [{ name: 'Meets (%)', fill: '#000' }],
      axis: { top: 100, unit: '%' },
    });
    expect(chart.texts.filter((t) => t.anchor === 'end').map((t) => t.text)).toEqual([
      '0%',
      '20%',
      '40%',
      '60%',
      '80%',
      '100%',
    ]);
  });

  it('labels the ticks where their grid lines are, in proportion to the values', () => {
    const chart = groupedBarChart({
      id: 'c',
      title: 'Counts',
      description: '',
      groups: [{ label: '2025', values: [5] }],
      series: [{ name: 'Statements', fill: '#000' }],
    });
    const ys = chart.lines.map((line) => line.y1);
    const steps = ys.slice(1).map((y, i) => ys[i]! - y);
    expect(new Set(steps.map((step) => step.toFixed(6))).size).toBe(1);
    // The bar of the top value reaches the top line exactly.
    expect(chart.bars[0]!.y).toBeCloseTo(ys.at(-1)!);
  });

  it('draws no bar and says "Not determined" when a figure is missing, not 0', () => {
    const chart = groupedBarChart({
      id: 'c',
      title: 'Share',
      description: '',
      groups: [
        { label: '2024', values: [null] },
        { label: '2025', values: [50] },
      ],
      series: [{ name: 'Meets (%)', fill: '#000' }],
      axis: { top: 100, unit: '%' },
    });
    expect(chart.bars.map((bar) => bar.label)).toEqual(['2025: Meets (%) 50%']);
    expect(chart.texts.map((t) => t.text)).toContain(NOT_DETERMINED);
  });
});
