import { execFile, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import autocannon from 'autocannon';

/**
 * The local server's starved connections without the register: a plain node:http server whose
 * answers each take 30 ms of synchronous work, 150 autocannon connections for 8 s, and a new curl
 * connection every second. libuv accepts one connection per event-loop iteration, and each
 * iteration here runs every ready request, so the new connections wait until the load ends.
 *   npx tsx bench/accept-starvation.ts
 * (strace -f -e trace=epoll_pwait,accept4 on the server shows one accept4 per epoll_pwait.)
 */
if (process.argv[2] === 'server') {
  const acceptedAt = new WeakMap<Socket, number>();
  const server = http.createServer((request, response) => {
    const sent = Number(/^probe-(\d+)$/.exec(request.headers['user-agent'] ?? '')?.[1]);
    if (Number.isFinite(sent)) {
      process.stdout.write(
        `probe accepted after ${(acceptedAt.get(request.socket) ?? Number.NaN) - sent} ms\n`,
      );
      response.end('probe');
      return;
    }
    const end = Date.now() + 30;
    while (Date.now() < end);
    response.end('ok');
  });
  server.on('connection', (socket: Socket) => acceptedAt.set(socket, Date.now()));
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}\n`),
  );
} else {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'server'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready?.[1]) resolve(ready[1]);
      else process.stdout.write(chunk);
    }),
  );
  const probes: Promise<void>[] = [];
  const timer = setInterval(() => {
    probes.push(
      new Promise((resolve) =>
        execFile('curl', ['-s', '-o', '/dev/null', '-A', `probe-${Date.now()}`, url], () => resolve()),
      ),
    );
  }, 1000);
  const result = await autocannon({ url, connections: 150, duration: 8, timeout: 30 });
  clearInterval(timer);
  console.log(`load: ${result.requests.total} answers in 8 s, p50 ${result.latency.p50} ms`);
  await Promise.all(probes);
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill();
}
