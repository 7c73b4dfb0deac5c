/**
 * Admission control for the local server: at most `limit` requests are worked on at once; the
 * others wait their turn, first come first served. Why it is needed (README, Operations, Load):
 * libuv accepts one new connection per event-loop iteration, and an iteration runs every ready
 * callback of every request in progress, so with hundreds of requests in progress an iteration
 * takes seconds and new connections wait in the kernel's queue for tens of seconds. Bounding the
 * work in progress bounds the work of an iteration (waiting requests cost nothing per iteration),
 * though not its length when the CPU is shared; off by default (see DEFAULT_ADMISSION). A request whose client has gone is dropped from the queue unworked; one
 * that cannot be queued (the queue is full) or has waited too long is answered 503 with
 * Retry-After at once, rather than worked on after its client gave up.
 */
export interface AdmissionOptions {
  /** Requests worked on at once. */
  limit: number;
  /** Requests waiting at most; beyond it a request is answered 503 at once. */
  maxQueue: number;
  /** A request that waited longer than this is answered 503 instead of being worked on. */
  maxWaitMs: number;
  now?: () => number;
}

export interface AdmissionStats {
  inFlight: number;
  queued: number;
  /** Requests answered 503 (queue full or waited too long). */
  refused: number;
  /** Queued requests dropped because their client went away. */
  abandoned: number;
}

type Fetch = (request: Request, ...rest: never[]) => Response | Promise<Response>;

function busy(): Response {
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The register is busy: try again in a moment.',
    }),
    {
      status: 503,
      headers: {
        'content-type': 'application/problem+json',
        'retry-after': '1',
        'cache-control': 'no-store',
      },
    },
  );
}

export function admissionControl(options: AdmissionOptions) {
  const now = options.now ?? (() => performance.now());
  const waiting: { since: number; signal: AbortSignal; start: () => void; refuse: () => void }[] = [];
  const stats: AdmissionStats = { inFlight: 0, queued: 0, refused: 0, abandoned: 0 };

  const next = () => {
    while (stats.inFlight < options.limit && waiting.length > 0) {
      const entry = waiting.shift();
      stats.queued = waiting.length;
      if (!entry) break;
      if (entry.signal.aborted) {
        stats.abandoned++;
        entry.refuse();
      } else if (now() - entry.since > options.maxWaitMs) {
        stats.refused++;
        entry.refuse();
      } else {
        // The slot is taken now, before the waiting request resumes, so no more start than fit.
        stats.inFlight++;
        entry.start();
      }
    }
  };

  const wrap =
    (fetch: Fetch) =>
    async (request: Request): Promise<Response> => {
      if (stats.inFlight < options.limit && waiting.length === 0) stats.inFlight++;
      else {
        if (waiting.length >= options.maxQueue) {
          stats.refused++;
          return busy();
        }
        const admitted = await new Promise<boolean>((resolve) => {
          waiting.push({
            since: now(),
            signal: request.signal,
            start: () => resolve(true),
            refuse: () => resolve(false),
          });
          stats.queued = waiting.length;
        });
        if (!admitted) return busy();
      }
      try {
        return await fetch(request);
      } finally {
        stats.inFlight--;
        next();
      }
    };

  return { wrap, stats: (): AdmissionStats => ({ ...stats }) };
}
