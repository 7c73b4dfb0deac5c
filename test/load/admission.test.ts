import { describe, expect, it } from 'vitest';
import { admissionControl } from '../../functions/local/admission.ts';

/** A handler whose answers the test releases by hand, recording the order requests started in. */
function heldHandler() {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const fetch = (request: Request) =>
    new Promise<Response>((resolve) => {
      const name = new URL(request.url).pathname;
      started.push(name);
      release.set(name, () => resolve(new Response(name)));
    });
  return { fetch, started, release: (name: string) => release.get(name)?.() };
}

const request = (name: string, signal?: AbortSignal) =>
  new Request(`http://register.test${name}`, signal ? { signal } : {});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('admission control of the local server', () => {
  it('works on at most `limit` requests at once and starts the waiting ones first come first served', async () => {
    const handler = heldHandler();
    const admission = admissionControl({ limit: 2, maxQueue: 10, maxWaitMs: 60_000 });
    const fetch = admission.wrap(handler.fetch);
    const answers = ['/a', '/b', '/c', '/d', '/e'].map((name) => fetch(request(name)));
    await settle();
    expect(handler.started).toEqual(['/a', '/b']);
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 3 });

    handler.release('/b');
    await settle();
    expect(handler.started).toEqual(['/a', '/b', '/c']);
    handler.release('/a');
    handler.release('/c');
    await settle();
    expect(handler.started).toEqual(['/a', '/b', '/c', '/d', '/e']);
    expect(admission.stats()).toMatchObject({ inFlight: 2, queued: 0 });

    handler.release('/d');
    handler.release('/e');
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));
    expect(bodies).toEqual(['/a', '/b', '/c', '/d', '/e']);
    expect(admission.stats()).toEqual({ inFlight: 0, queued: 0, refused: 0, abandoned: 0 });
  });

  it('answers 503 with Retry-After at once when the queue is full', async () => {
    const handler = heldHandler();
    const admission = admissionControl({ limit: 1, maxQueue: 1, maxWaitMs: 60_000 });
    const fetch = admission.wrap(handler.fetch);
    void fetch(request('/a'));
    void fetch(request('/b'));
    const refused = await fetch(request('/c'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(handler.started).toEqual(['/a']);
    expect(admission.stats()).toMatchObject({ refused: 1, queued: 1 });
  });

  it('answers 503 instead of working on a request that waited longer than maxWaitMs', async () => {
    let clock = 0;
    const handler = heldHandler();
    const admission = admissionControl({ limit: 1, maxQueue: 10, maxWaitMs: 1_000, now: () => clock });
    const fetch = admission.wrap(handler.fetch);
    void fetch(request('/a'));
    const late = fetch(request('/late'));
    clock = 1_001;
    const onTime = fetch(request('/on-time'));
    handler.release('/a');
    expect((await late).status).toBe(503);
    await settle();
    expect(handler.started).toEqual(['/a', '/on-time']);
    handler.release('/on-time');
    expect((await onTime).status).toBe(200);
    expect(admission.stats()).toMatchObject({ refused: 1, abandoned: 0, inFlight: 0 });
  });

  it('drops a waiting request whose client went away without working on it', async () => {
    const handler = heldHandler();
    const admission = admissionControl({ limit: 1, maxQueue: 10, maxWaitMs: 60_000 });
    const fetch = admission.wrap(handler.fetch);
    void fetch(request('/a'));
    const client = new AbortController();
    const gone = fetch(request('/gone', client.signal));
    const next = fetch(request('/next'));
    client.abort();
    handler.release('/a');
    await gone;
    await settle();
    expect(handler.started).toEqual(['/a', '/next']);
    handler.release('/next');
    expect(await (await next).text()).toBe('/next');
    expect(admission.stats()).toMatchObject({ abandoned: 1, refused: 0, inFlight: 0 });
  });

  it('frees the slot of a request whose handler throws', async () => {
    const admission = admissionControl({ limit: 1, maxQueue: 10, maxWaitMs: 60_000 });
    let calls = 0;
    const fetch = admission.wrap(() => {
      calls++;
      if (calls === 1) throw new Error('handler fault');
      return new Response('ok');
    });
    await expect(fetch(request('/a'))).rejects.toThrow('handler fault');
    expect(await (await fetch(request('/b'))).text()).toBe('ok');
    expect(admission.stats().inFlight).toBe(0);
  });
});
