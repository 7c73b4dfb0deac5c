import * as z from 'zod';
import type { LocalRegister } from '../server.ts';
import { type DemoOrganisation, demoRegister } from './demo-register.ts';

/** Who the demo's people are: sign in as them on /sign-in (README, "See it in two minutes"). */
export const DEMO_OFFICER = 'officer@register.example';
export const demoBusinessEmail = (demo: DemoOrganisation) =>
  `compliance@${new URL(demo.statement?.document.homepageUrl ?? 'https://demo.example').hostname.replace(/^www\./, '')}`;

export interface DemoLoaded {
  loaded: boolean;
  organisations: { id: string; name: string; statementId?: string; email?: string }[];
}

const createdSchema = z.object({ id: z.string(), enrolmentCode: z.string() });
const statementSchema = z.object({ id: z.string() });

/**
 * Loads the demo register through the register's own API (as an officer and as each business
 * would), then lets the worker check the statements and runs the sweep, so every flag is the
 * register's own. Loading twice does nothing: the first organisation is there already (409).
 */
export async function loadDemo(register: LocalRegister, now: Date = new Date()): Promise<DemoLoaded> {
  const officer = await register.devIssuer.sign({ email: DEMO_OFFICER, officer: true });
  const call = async (token: string, method: string, path: string, body?: unknown, headers = {}) => {
    const response = await fetch(`${register.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      json: text ? JSON.parse(text) : undefined,
    };
  };
  const must = <T>(answer: { status: number; json: unknown }, schema: z.ZodType<T>, what: string): T => {
    if (answer.status >= 300)
      throw new Error(`demo: ${what} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    return schema.parse(answer.json);
  };

  const demo = demoRegister(now);
  const loaded: DemoLoaded['organisations'] = [];
  const revisions: { id: string; etag: string; token: string; document: unknown }[] = [];
  for (const entry of demo) {
    const added = await call(officer, 'POST', '/api/v1/organisations', entry.organisation);
    if (added.status === 409 && loaded.length === 0) return { loaded: false, organisations: [] };
    const organisation = must(added, createdSchema, `adding ${entry.organisation.name}`);
    if (!entry.statement) {
      loaded.push({ id: organisation.id, name: entry.organisation.name });
      continue;
    }
    const email = demoBusinessEmail(entry);
    const business = await register.devIssuer.sign({ email, officer: false });
    must(
      await call(business, 'POST', '/api/v1/enrolments', { code: organisation.enrolmentCode }),
      z.unknown(),
      'enrolling',
    );
    const created = await call(business, 'POST', `/api/v1/organisations/${organisation.id}/statements`, {
      ...entry.statement.document,
      submit: true,
    });
    const statement = must(created, statementSchema, `submitting ${entry.organisation.name}'s statement`);
    if (entry.statement.revision && created.etag)
      revisions.push({
        id: statement.id,
        etag: created.etag,
        token: business,
        document: entry.statement.revision,
      });
    loaded.push({ id: organisation.id, name: entry.organisation.name, statementId: statement.id, email });
  }
  await register.poller.drain();
  for (const revision of revisions) {
    must(
      await call(revision.token, 'PUT', `/api/v1/statements/${revision.id}`, revision.document, {
        'if-match': revision.etag,
      }),
      z.unknown(),
      'the second revision',
    );
  }
  must(await call(officer, 'POST', '/api/v1/sweeps', {}), z.unknown(), 'the sweep');
  const reported = loaded.find((o) => o.name.startsWith('Meridian'));
  if (reported?.statementId) {
    must(
      await call(officer, 'POST', '/api/v1/reports', {
        statementId: reported.statementId,
        reason: 'broken_link',
        details: 'The link on the company website goes to a page that is not found.',
      }),
      z.unknown(),
      'the report',
    );
  }
  const manual = loaded.find((o) => o.name.startsWith('Harbour'));
  if (manual) {
    must(
      await call(officer, 'POST', '/api/v1/flags', {
        organisationId: manual.id,
        note: 'A news report names one of its prawn suppliers; ask what it has done since.',
      }),
      z.unknown(),
      'the manual flag',
    );
  }
  await register.poller.drain();
  return { loaded: true, organisations: loaded };
}
