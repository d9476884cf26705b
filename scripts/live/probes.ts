/**
 * Probes run after boot through the loopback forwards: a TCP line exchange (storestrings) and an HTTP GET (nginx).
 * QEMU's user-mode forward accepts a connection before the guest listens and then drops it, so each probe retries
 * until its deadline.
 */
import { connect } from 'node:net';
import { request } from 'node:http';
import type { LiveProbeResult } from '../../model/live-record.ts';
import type { Probe, TcpProbe, HttpProbe } from './manifest.ts';

const MAX_SHOWN = 2000;

/** Runs one probe against `127.0.0.1:hostPort`, retrying for up to `deadlineMs`. */
export async function runProbe(probe: Probe, hostPort: number, deadlineMs = 20_000): Promise<LiveProbeResult> {
  const started = Date.now();
  let last: Omit<LiveProbeResult, 'durationMs'>;
  do {
    last = probe.kind === 'tcp' ? await tcpOnce(probe, hostPort) : await httpOnce(probe, hostPort);
    if (last.ok) break;
    await new Promise((r) => setTimeout(r, 300));
  } while (Date.now() - started < deadlineMs);
  return { ...last, durationMs: Date.now() - started };
}

function tcpOnce(probe: TcpProbe, hostPort: number): Promise<Omit<LiveProbeResult, 'durationMs'>> {
  const base = {
    kind: 'tcp' as const,
    name: `send ${JSON.stringify(probe.send)}`,
    guestPort: probe.guestPort,
    expected: probe.expect,
    status: null,
  };
  return new Promise((resolve) => {
    let reply = '';
    let done = false;
    const socket = connect({ host: '127.0.0.1', port: hostPort });
    const finish = (error: string | null) => {
      if (done) return;
      done = true;
      socket.destroy();
      const ok = error === null && reply.includes(probe.expect);
      resolve({
        ...base,
        ok,
        actual: reply ? reply.slice(0, MAX_SHOWN) : null,
        error: ok ? null : (error ?? `reply does not contain ${JSON.stringify(probe.expect)}`),
      });
    };
    socket.setTimeout(3000, () => finish('no reply within 3 s'));
    socket.on('connect', () => socket.write(`${probe.send}\n`));
    socket.on('data', (d) => {
      reply += d.toString('utf8');
      if (reply.includes(probe.expect)) finish(null);
    });
    socket.on('error', (e) => finish(e.message));
    socket.on('close', () => finish(reply ? null : 'connection closed without a reply'));
  });
}

function httpOnce(probe: HttpProbe, hostPort: number): Promise<Omit<LiveProbeResult, 'durationMs'>> {
  const base = {
    kind: 'http' as const,
    name: `GET ${probe.path}`,
    guestPort: probe.guestPort,
    expected: `${probe.status}${probe.bodyContains ? ` ${JSON.stringify(probe.bodyContains)}` : ''}`,
  };
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: hostPort, path: probe.path, method: 'GET', agent: false, timeout: 5000 },
      (res) => {
        const status = res.statusCode ?? 0;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          const ok = status === probe.status && body.includes(probe.bodyContains);
          const error = ok
            ? null
            : status !== probe.status
              ? `status ${status}, expected ${probe.status}`
              : `body does not contain ${JSON.stringify(probe.bodyContains)}`;
          resolve({ ...base, ok, status, actual: body.slice(0, MAX_SHOWN), error });
        });
        res.on('error', (e) => resolve({ ...base, ok: false, status, actual: null, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no response within 5 s')));
    req.on('error', (e) => resolve({ ...base, ok: false, status: null, actual: null, error: e.message }));
    req.end();
  });
}
