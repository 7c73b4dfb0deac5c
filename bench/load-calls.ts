import { startLocalRegister } from '../functions/local/server.ts';
import { submitOne } from './load.ts';

/**
 * DynamoDB calls per answer for each path of `npm run load`'s mix: a local register with three
 * submitted statements, each path asked twice (the second counted).
 *   npx tsx bench/load-calls.ts
 */
const register = await startLocalRegister({ port: 0, quiet: true, pollStream: false, dailyJobs: false });
try {
  const officer = await register.devIssuer.sign({ email: 'officer@register.example', officer: true });
  const ids: string[] = [];
  for (let n = 0; n < 3; n++)
    ids.push((await submitOne(register, officer, n, { duplicates: 0 })).statementId);
  await register.poller.drain(200);

  const calls: string[] = [];
  register.store.client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  const paths = [
    '/statements?q=harvest',
    `/statements/${ids[0]}`,
    '/api/v1/statements?q=harvest&year=2026',
    `/api/v1/statements/${ids[0]}`,
    '/api/v1/downloads/statements-2026.csv',
    '/api/v1/downloads/statements-2026.jsonl',
  ];
  for (const path of paths) {
    await (await fetch(`${register.url}${path}`)).arrayBuffer();
    calls.length = 0;
    const response = await fetch(`${register.url}${path}`);
    await response.arrayBuffer();
    const counts = new Map<string, number>();
    for (const name of calls) counts.set(name, (counts.get(name) ?? 0) + 1);
    const byCommand = [...counts].map(([name, n]) => `${name} ${n}`).join(', ');
    console.log(
      `${path.replace(/\/[0-9A-Z]{11,}$/, '/{id}')}: ${response.status}, ${calls.length} calls (${byCommand})`,
    );
  }
} finally {
  await register.stop();
}
