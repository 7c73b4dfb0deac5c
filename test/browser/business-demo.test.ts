import { describe, expect, it } from 'vitest';
import type { FetchOutcome } from '../../functions/checker/fetch/guarded-fetch.ts';
import { demoRegister, demoSites } from '../../functions/local/demo/demo-register.ts';
import { demoFetcher } from '../../functions/local/demo/demo-sites.ts';
import { type DemoLoaded, loadDemo } from '../../functions/local/demo/load-demo.ts';
import { useBrowserRegister } from '../support/browser.ts';

const now = new Date();
const offline = async (url: string) =>
  ({
    ok: false,
    reason: 'dns',
    message: 'not on the network in tests',
    url,
    redirects: [],
  }) satisfies FetchOutcome;

describe('the demo register', () => {
  let demo: DemoLoaded;
  const ctx = useBrowserRegister({
    register: { checkFetcher: demoFetcher(demoSites(now), offline) },
    ready: async (register) => {
      demo = await loadDemo(register, now);
    },
  });

  async function api(path: string, officer = false) {
    const token = await ctx.register.devIssuer.sign({ email: 'officer@register.example', officer });
    const response = await fetch(`${ctx.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return response.json();
  }

  it('earns every rating from the real checker, as each text was written to', async () => {
    const page = (await api('/api/v1/statements?limit=100')) as {
      items: { organisationName: string; check?: { rating: string } }[];
    };
    const expected = demoRegister(now).flatMap((o) =>
      o.statement ? [[o.organisation.name, o.statement.expected] as const] : [],
    );
    expect(new Set(expected.map(([, rating]) => rating))).toEqual(
      new Set(['strong', 'adequate', 'weak', 'non_compliant']),
    );
    for (const [name, rating] of expected) {
      expect(page.items.find((s) => s.organisationName === name)?.check?.rating, name).toBe(rating);
    }
  });

  it('raises flags of every kind, keeps a second revision and a group statement, and loads once', async () => {
    const flags = (await api('/api/v1/flags?limit=100', true)) as { items: { type: string }[] };
    expect(new Set(flags.items.map((f) => f.type))).toEqual(
      new Set(['missing', 'late', 'weak', 'legal_minimum', 'report', 'manual']),
    );
    expect(flags.items.filter((f) => f.type === 'missing')).toHaveLength(3);
    const group = demo.organisations.find((o) => o.name.startsWith('Northgate'));
    const statement = (await api(`/api/v1/statements/${group?.statementId}`)) as {
      statement: { isGroup: boolean; groupMembers: unknown[] };
      revisions: unknown[];
    };
    expect(statement.statement.isGroup).toBe(true);
    expect(statement.statement.groupMembers).toHaveLength(3);
    expect(statement.revisions).toHaveLength(2);
    expect((await loadDemo(ctx.register, now)).loaded).toBe(false);
  });
});
