import { generateRegister } from './seed.ts';

/**
 * What the seed writes per statement, by item kind, without a table: the generator is the same
 * the seed uses (bench/seed.ts), so the counts are the seed's. For each kind: items per statement,
 * mean size (DynamoDB's rule: attribute names plus values), the GSIs it lands on and the write
 * units it costs per statement (1 per KB, rounded up, in the table and again in each GSI).
 *   N=1000 npx tsx bench/item-census.ts
 */
const statements = Number(process.env.N ?? 1000);

/** An item's size as DynamoDB counts it (close enough for units: names, strings, numbers, binaries). */
function sizeOf(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return Math.ceil(String(value).replace(/^-|\./g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + 1 + sizeOf(v), 0);
  if (typeof value === 'object')
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (sum, [name, v]) => sum + 1 + Buffer.byteLength(name) + sizeOf(v),
        0,
      )
    );
  return 0;
}

const itemSize = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((sum, [name, v]) => sum + Buffer.byteLength(name) + sizeOf(v), 0);

/** The kind of an item: its partition's prefix (IX#<facet>, STMT, ORG …) and sort key's. */
function kindOf(item: Record<string, unknown>): string {
  const pk = String(item.pk);
  const sk = String(item.sk);
  if (pk.startsWith('IX#')) {
    const facet = pk.split('#')[1]!;
    const withYear = /#\d{4}$/.test(pk) && ['S', 'R', 'TO', 'C'].includes(facet);
    return `IX#${facet}${withYear ? '#…#yyyy' : '#…'}`;
  }
  if (pk.startsWith('EXPORT#')) return `EXPORT#yyyy#${pk.split('#')[2]} / <name>#<id>`;
  return `${pk.split('#')[0]} / ${sk.split('#')[0]}`;
}

interface Tally {
  items: number;
  bytes: number;
  units: number;
  gsis: Set<string>;
}
const tallies = new Map<string, Tally>();
let organisations = 0;
let written = 0;
for (const generated of generateRegister(statements)) {
  organisations++;
  written += generated.summaries.length;
  for (const item of generated.items) {
    const kind = kindOf(item);
    const tally = tallies.get(kind) ?? { items: 0, bytes: 0, units: 0, gsis: new Set<string>() };
    const size = itemSize(item);
    const gsis = ['gsi1', 'gsi2', 'gsi3', 'gsi4'].filter((g) => item[`${g}pk`] !== undefined);
    tally.items++;
    tally.bytes += size;
    tally.units += Math.ceil(size / 1024) * (1 + gsis.length);
    for (const g of gsis) tally.gsis.add(g);
    tallies.set(kind, tally);
  }
}

const rows = [...tallies].sort(([, a], [, b]) => b.items - a.items);
const total = rows.reduce((sum, [, t]) => sum + t.items, 0);
const units = rows.reduce((sum, [, t]) => sum + t.units, 0);
console.log(`${written} statements, ${organisations} organisations, ${total} items`);
console.log(
  `items per statement ${(total / written).toFixed(1)}, write units per statement ${(units / written).toFixed(1)}`,
);
console.log('| kind | items / statement | mean bytes | GSIs | write units / statement |');
console.log('|---|---:|---:|---|---:|');
for (const [kind, t] of rows) {
  console.log(
    `| ${kind} | ${(t.items / written).toFixed(2)} | ${Math.round(t.bytes / t.items)} | ${[...t.gsis].join(', ') || '—'} | ${(t.units / written).toFixed(2)} |`,
  );
}
