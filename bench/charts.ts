import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHARTS_BUNDLE_FILE } from '../functions/app/routes/charts.ts';
import { groupedBarChart, horizontalBarChart } from '../functions/app/routes/officers-charts.ts';
import { bundleLikeTheStack, lambdaLikeEnv } from './bundle.ts';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Charts like the statistics page's: statements per year (10 years) and areas by 25 sectors. */
const perYear = () =>
  groupedBarChart({
    id: 'chart-statements',
    title: 'Statements submitted per reporting year',
    description: 'Bench',
    groups: Array.from({ length: 10 }, (_, i) => ({ label: String(2017 + i), values: [1000 + i * 731] })),
    series: [{ name: 'Statements', fill: '#1d70b8' }],
  });
const sectors = () =>
  horizontalBarChart({
    id: 'chart-areas',
    title: 'Average number of the six areas covered, by sector',
    description: 'Bench',
    rows: Array.from({ length: 25 }, (_, i) => ({
      label: `Sector ${i}`,
      value: i % 7 === 0 ? null : (i % 6) + 0.5,
      display: 'x',
    })),
    max: 6,
  });

/** A Node script: imports charts.mjs (argv[2]) and draws one chart, as the first chart page does. */
const firstChartScript = `
const { groupedBarChart } = await import(process.argv[2]);
groupedBarChart({ id: 'c', title: 't', description: 'd', groups: [{ label: '2025', values: [3] }], series: [{ name: 's', fill: '#1d70b8' }] });
`;

const RUNS = 11;

/**
 * What the charting library costs the api function: the size of index.mjs and of charts.mjs beside
 * it (bundled as the stack does), the first chart page's one-off import of charts.mjs (a fresh
 * node importing it and drawing a chart, minus a bare node, median of 11), and a warm chart's
 * drawing time (median of 200, each chart kind). Markdown lines.
 */
export async function benchCharts(): Promise<string> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'register-charts-'));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const bundle = await bundleLikeTheStack('api', path.join(scratch, 'api'));
    const charts = path.join(bundle.dir, CHARTS_BUNDLE_FILE);
    const runner = path.join(scratch, 'first-chart.mjs');
    writeFileSync(runner, firstChartScript);
    const env = lambdaLikeEnv(bundle.dir);
    const time = (args: string[]) => {
      const started = performance.now();
      execFileSync(process.execPath, args, { env, cwd: scratch, stdio: 'ignore', timeout: 60_000 });
      return performance.now() - started;
    };
    const bare: number[] = [];
    const first: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      bare.push(time(['-e', '0']));
      first.push(time([runner, pathToFileURL(charts).href]));
    }
    const warm = (draw: () => unknown) => {
      draw();
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        draw();
        times.push(performance.now() - started);
      }
      return median(times);
    };
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB (${bytes} bytes)`;
    return [
      '| what | figure |',
      '|---|---|',
      `| api index.mjs (every cold start) | ${kb(bundle.bytes)} |`,
      `| charts.mjs beside it (Plot, d3, linkedom; first chart page only) | ${kb(statSync(charts).size)} |`,
      `| first chart in a fresh process: import charts.mjs + draw, above bare node (median of ${RUNS}) | ${(median(first) - median(bare)).toFixed(0)} ms |`,
      `| warm: statements per year, 10 years (median of 200) | ${warm(perYear).toFixed(2)} ms |`,
      `| warm: areas by sector, 25 rows (median of 200) | ${warm(sectors).toFixed(2)} ms |`,
      '',
      `Run with ${process.version}; 1-minute load average ${loadBefore.toFixed(1)} before, ` +
        `${loadavg()[0]?.toFixed(1)} after: a loaded machine inflates the times.`,
    ].join('\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
