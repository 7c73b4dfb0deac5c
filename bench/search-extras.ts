/**
 * Read units of the result count and of the typo-tolerant name search on a seeded register
 * (DynamoDB Local): `npx tsx bench/search-extras.ts` (BENCH_EXTRAS_SIZE statements, default 1000).
 */
import { significantWords } from '../functions/domain/names.ts';
import { planSearch } from '../functions/domain/search/plan.ts';
import { startDynamoDbLocal } from '../functions/local/dynamodb-local.ts';
import { newCapacityMeter } from '../functions/store/capacity.ts';
import { ensureTable } from '../functions/store/ensure-table.ts';
import { countSearch } from '../functions/store/search/count-search.ts';
import { correctQuery, searchSimilarNames } from '../functions/store/search/search-similar-names.ts';
import { searchStatements } from '../functions/store/search/search-statements.ts';
import { createStore } from '../functions/store/store.ts';
import { searchCases } from './search.ts';
import { random, seedRegister } from './seed.ts';

const size = Number(process.env.BENCH_EXTRAS_SIZE ?? 1000);
const dynamo = await startDynamoDbLocal();
try {
  const store = createStore({ tableName: 'bench-extras', region: 'eu-west-2', endpoint: dynamo.endpoint });
  await ensureTable(store.client, 'bench-extras');
  const seeded = await seedRegister(store, size);
  console.log(
    `seeded ${size} statements: ${seeded.items} items (${(seeded.items / size).toFixed(1)} per statement)`,
  );

  const counts: number[] = [];
  let capped = 0;
  for (const c of searchCases(seeded.sample)) {
    const capacity = newCapacityMeter();
    const count = await countSearch(store, planSearch({ sort: 'relevance', ...c.filters }), {
      pageSize: 20,
      capacity,
    });
    counts.push(capacity.readUnits);
    if (!count.complete) capped++;
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `count: ${counts.length} searches, read units mean ${mean(counts).toFixed(2)}, max ${Math.max(...counts).toFixed(1)}, ${capped} capped at 500`,
  );

  // One letter of the longest word substituted: found, and at what cost.
  const rng = random(7);
  const similar: number[] = [];
  let found = 0;
  const tried = 60;
  for (let i = 0; i < tried; i++) {
    const name = rng.pick(seeded.sample.names);
    const words = significantWords(name);
    const longest = [...words].sort((a, b) => b.length - a.length)[0] ?? '';
    const at = rng.int(0, longest.length - 1);
    const typo = longest.slice(0, at) + (longest[at] === 'x' ? 'y' : 'x') + longest.slice(at + 1);
    const q = words.map((w) => (w === longest ? typo : w)).join(' ');
    const capacity = newCapacityMeter();
    const plan = planSearch({ sort: 'relevance', q });
    // As the search page does: the exact search with one word corrected, then names one typo away.
    const corrected = await correctQuery(store, significantWords(q), { capacity });
    let results = corrected
      ? (
          await searchStatements(store, planSearch({ sort: 'relevance', q: corrected.join(' ') }), {
            limit: 20,
            readBudget: 16,
            capacity,
          })
        ).items
      : [];
    if (results.length === 0)
      results = await searchSimilarNames(store, plan, significantWords(q), { limit: 20, capacity });
    similar.push(capacity.readUnits);
    if (results.some((r) => r.organisationName === name || r.matchedName === name)) found++;
    else if (process.env.BENCH_EXTRAS_MISSES) console.log(`missed ${name} as ${q}: ${results.map((r) => r.organisationName).join(", ")}`);
  }
  console.log(
    `similar names: ${tried} one-letter substitutions, ${found} found the organisation, read units mean ${mean(similar).toFixed(2)}, max ${Math.max(...similar).toFixed(1)}`,
  );
  store.client.destroy();
} finally {
  await dynamo.stop();
}
