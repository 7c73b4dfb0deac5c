import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { rateLimitsAllowing } from '../functions/domain/rate-limits.ts';
import {
  DEFAULT_APP_CONNECTIONS,
  type LocalRegister,
  startLocalRegister,
} from '../functions/local/server.ts';
import { listStatementsOfOrganisation } from '../functions/store/statements/list-statements-of-organisation.ts';

/**
 * `npm run load`: the local register under a mix of public reads (searches, statement pages,
 * API answers, downloads) from many connections, while submissions keep arriving — each POST
 * sent twice with the same Idempotency-Key, as a client retrying after a timeout would. Then it
 * counts: every accepted submission stored exactly once and readable.
 */
export interface LoadOptions {
  durationSeconds: number;
  connections: number;
  /** Organisations with a submitted statement before the load starts. */
  seedStatements: number;
  /** Parallel submitters during the load. */
  submitters: number;
  /** An already running DynamoDB Local (tests); by default the load starts its own, in memory. */
  dynamoEndpoint?: string;
  /** Requests the local front hands the app at once (DEFAULT_APP_CONNECTIONS when absent); 0: no front. */
  appConnections?: number;
}

export interface LoadReport {
  readers: { name: string; result: Result }[];
  totalRequests: number;
  requestsPerSecond: number;
  errors: number;
  non2xx: number;
  submissions: {
    accepted: number;
    duplicatesAnswered: number;
    stored: number;
    missing: number;
    duplicated: number;
    /** Submissions that failed during the load (added organisation, enrolment or POST not answered 2xx). */
    failed: number;
    /** The first few failures, for the report. */
    failures: string[];
  };
}

const year = 2026;

function statementDocument(n: number) {
  return {
    jurisdiction: 'UK',
    isGroup: false,
    statementUrl: `https://org${n}.example/modern-slavery-statement`,
    contactEmail: null,
    homepageUrl: `https://org${n}.example/`,
    periodStart: `${year - 1}-04-01`,
    periodEnd: `${year}-03-31`,
    approvedBy: 'board',
    approvalDate: `${year}-07-15`,
    signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
    areas: Object.fromEntries(
      ['structure', 'policies', 'riskAssessment', 'dueDiligence', 'training', 'kpis'].map((area) => [
        area,
        { covered: true },
      ]),
    ),
    sectors: ['Food and beverages, agriculture and fishing'],
    turnover: '£60 million to £100 million',
    yearsProducing: '1 to 5 years',
    statementText:
      'This statement is made under section 54 of the Modern Slavery Act 2015 for the financial year ending 31 March 2026. ' +
      'We operate food factories in the UK and buy produce from 400 suppliers in Spain and Kenya. ' +
      'Our supplier code prohibits forced labour and recruitment fees. We audited 40 high-risk suppliers. ' +
      'All procurement staff completed training. This statement was approved by the Board of Directors on 15 July 2026. ' +
      'Signed: Ann Smith, Director.',
  };
}

const WORDS = [
  'Harvest',
  'Northern',
  'Granite',
  'Meridian',
  'Willow',
  'Coastal',
  'Summit',
  'Beacon',
  'Riverside',
  'Oak',
];
const nameOf = (n: number) =>
  `${WORDS[n % WORDS.length]} ${WORDS[Math.floor(n / WORDS.length) % WORDS.length]} Foods ${n} Ltd`;

type Target = Pick<LocalRegister, 'url' | 'devIssuer'>;

async function call(
  register: Target,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  extra = {},
) {
  const response = await fetch(`${register.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

interface Submitted {
  organisationId: string;
  statementId: string;
}

/** One organisation end to end: added by an officer, enrolled, statement submitted (sent twice). */
export async function submitOne(
  register: Target,
  officer: string,
  n: number,
  counts: { duplicates: number },
  statementText?: string,
) {
  const org = await call(register, 'POST', '/api/v1/organisations', officer, {
    name: nameOf(n),
    companyNumber: String(10_000_000 + n).padStart(8, '0'),
    entityType: 'company',
    financialYearEnd: '03-31',
    inScope: true,
  });
  if (org.status !== 201) throw new Error(`add organisation ${n}: ${org.status} ${JSON.stringify(org.body)}`);
  const submitter = await register.devIssuer.sign({ email: `submitter${n}@org${n}.example`, officer: false });
  const enrol = await call(register, 'POST', '/api/v1/enrolments', submitter, {
    code: org.body.enrolmentCode,
  });
  if (enrol.status !== 201) throw new Error(`enrol ${n}: ${enrol.status}`);
  const path = `/api/v1/organisations/${String(org.body.id)}/statements`;
  const body = { ...statementDocument(n), ...(statementText ? { statementText } : {}), submit: true };
  const key = { 'idempotency-key': `load-${n}` };
  const [first, retry] = await Promise.all([
    call(register, 'POST', path, submitter, body, key),
    call(register, 'POST', path, submitter, body, key),
  ]);
  const accepted = [first, retry].filter((r) => r.status === 201);
  if (accepted.length === 0)
    throw new Error(`submit ${n}: ${first.status} ${JSON.stringify(first.body)} / ${retry.status}`);
  if (accepted.length === 2) {
    counts.duplicates++;
    if (accepted[0]?.body.id !== accepted[1]?.body.id)
      throw new Error(`submit ${n}: two different statements`);
  }
  return {
    organisationId: String(org.body.id),
    statementId: String(accepted[0]?.body.id),
  } satisfies Submitted;
}

export async function runLoad(
  options: LoadOptions,
  log: (line: string) => void = () => {},
): Promise<LoadReport> {
  const register = await startLocalRegister({
    // One address makes every request here: limits for people would stop the run.
    limits: rateLimitsAllowing(1_000_000),
    port: 0,
    quiet: true,
    ...(options.appConnections === undefined
      ? {}
      : { front: options.appConnections > 0 ? { appConnections: options.appConnections } : false }),
    ...(options.dynamoEndpoint
      ? { dynamoEndpoint: options.dynamoEndpoint, tableName: `load-${Date.now()}` }
      : {}),
  });
  try {
    const officer = await register.devIssuer.sign({ email: 'officer@register.example', officer: true });
    const counts = { duplicates: 0 };
    const submitted: Submitted[] = [];
    for (let n = 0; n < options.seedStatements; n++)
      submitted.push(await submitOne(register, officer, n, counts));
    await register.poller.drain(200);
    log(`seeded ${submitted.length} statements`);

    const sample = submitted.slice(0, 20);
    const mixes: { name: string; paths: string[] }[] = [
      { name: 'search page', paths: WORDS.map((w) => `/statements?q=${w.toLowerCase()}`) },
      { name: 'statement page', paths: sample.map((s) => `/statements/${s.statementId}`) },
      { name: 'search API', paths: WORDS.map((w) => `/api/v1/statements?q=${w.toLowerCase()}&year=${year}`) },
      { name: 'statement API', paths: sample.map((s) => `/api/v1/statements/${s.statementId}`) },
      {
        name: 'download',
        paths: [`/api/v1/downloads/statements-${year}.csv`, `/api/v1/downloads/statements-${year}.jsonl`],
      },
    ];
    const perMix = Math.max(1, Math.floor(options.connections / mixes.length));

    let submitting = true;
    let next = options.seedStatements;
    const failures: string[] = [];
    let failed = 0;
    const submitters = Array.from({ length: options.submitters }, async () => {
      while (submitting) {
        try {
          submitted.push(await submitOne(register, officer, next++, counts));
        } catch (error) {
          // Counted and reported, not fatal: the figures of a run with failures are still wanted.
          failed++;
          if (failures.length < 5) failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    });
    const readers = await Promise.all(
      mixes.map(async (mix) => ({
        name: mix.name,
        result: await autocannon({
          url: register.url,
          connections: perMix,
          duration: options.durationSeconds,
          timeout: 30,
          requests: mix.paths.map((path) => ({ method: 'GET', path })),
        }),
      })),
    );
    submitting = false;
    await Promise.all(submitters);
    await register.poller.drain(500);

    let stored = 0;
    let missing = 0;
    let duplicated = 0;
    for (const { organisationId, statementId } of submitted) {
      const statements = await listStatementsOfOrganisation(register.store, organisationId);
      if (!statements.some((s) => s.id === statementId)) missing++;
      if (statements.length > 1) duplicated++;
      const readable = await fetch(`${register.url}/api/v1/statements/${statementId}`);
      await readable.arrayBuffer();
      if (readable.status === 200) stored++;
      else missing++;
    }
    const totalRequests = readers.reduce((sum, r) => sum + r.result.requests.total, 0);
    return {
      readers,
      totalRequests,
      requestsPerSecond: totalRequests / options.durationSeconds,
      errors: readers.reduce((sum, r) => sum + r.result.errors + r.result.timeouts, 0),
      non2xx: readers.reduce((sum, r) => sum + r.result.non2xx, 0),
      submissions: {
        accepted: submitted.length,
        duplicatesAnswered: counts.duplicates,
        stored,
        missing,
        duplicated,
        failed,
        failures,
      },
    };
  } finally {
    await register.stop();
  }
}

export function formatLoadReport(report: LoadReport, options: LoadOptions): string {
  const lines = [
    `Load: ${options.connections} connections for ${options.durationSeconds} s, ${options.submitters} submitters running alongside, ${options.appConnections === 0 ? 'no front (clients reach the app directly)' : `the front handing the app ${options.appConnections ?? DEFAULT_APP_CONNECTIONS} requests at once`}`,
    '',
    '| traffic | requests | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '|---|---|---|---|---|---|---|',
    ...report.readers.map(
      ({ name, result }) =>
        `| ${name} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.errors + result.timeouts} | ${result.non2xx} |`,
    ),
    `| all | ${report.totalRequests} | ${report.requestsPerSecond.toFixed(0)} | | | ${report.errors} | ${report.non2xx} |`,
    '',
    `Submissions accepted: ${report.submissions.accepted}; stored and readable: ${report.submissions.stored}; missing: ${report.submissions.missing}; organisations with more than one statement: ${report.submissions.duplicated}; retried POSTs answered with the first answer: ${report.submissions.duplicatesAnswered}; failed submissions: ${report.submissions.failed}.`,
    ...report.submissions.failures.map((message) => `  failure: ${message}`),
  ];
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      connections: { type: 'string', default: '200' },
      seed: { type: 'string', default: '100' },
      submitters: { type: 'string', default: '4' },
      'app-connections': { type: 'string' },
    },
  });
  const options = {
    durationSeconds: Number(values.duration),
    connections: Number(values.connections),
    seedStatements: Number(values.seed),
    submitters: Number(values.submitters),
    ...(values['app-connections'] === undefined ? {} : { appConnections: Number(values['app-connections']) }),
  };
  const report = await runLoad(options, (line) => console.error(line));
  console.log(formatLoadReport(report, options));
  const ok =
    report.errors === 0 &&
    report.non2xx === 0 &&
    report.submissions.missing === 0 &&
    report.submissions.duplicated === 0 &&
    report.submissions.failed === 0;
  process.exit(ok ? 0 : 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
