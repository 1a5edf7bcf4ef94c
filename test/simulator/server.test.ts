import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, SIM_HOSTS, SIM_USER } from './index';
import { type RunningSimulator, startSimulator } from './server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request through the real HTTPS port, as Chromium makes it after host mapping: SNI + Host. */
const viaHttps = (
  port: number,
  host: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) =>
  new Promise<Answer>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        servername: host,
        path,
        method: init.method ?? 'GET',
        headers: { Host: host, ...init.headers },
        rejectUnauthorized: false,
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('the HTTPS simulator server', () => {
  let running: RunningSimulator | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('serves every host on one port by Host header, with a control port beside it', async () => {
    running = await startSimulator();
    const { port, controlUrl } = running;
    expect(running.hosts).toEqual(SIM_HOSTS);
    expect(running.hostResolverRules).toBe(SIM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '));

    const me = await viaHttps(port, 'g.codefresh.io', '/2.0/api/graphql', {
      method: 'POST',
      headers: { Authorization: DEMO_API_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: 'query Me { me { id } }' }),
    });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toEqual({ data: { me: { id: SIM_USER.id } } });

    const readyz = await viaHttps(port, 'argo.acme-corp.example', '/app-proxy/api/readyz');
    expect([readyz.status, readyz.body]).toEqual([200, 'ok']);
    const github = await viaHttps(port, 'api.github.com', '/user');
    expect(github.status).toBe(401);

    const log = (await (await fetch(`${controlUrl}/log`)).json()) as { host: string }[];
    expect(log.map((e) => e.host)).toEqual(['g.codefresh.io', 'argo.acme-corp.example', 'api.github.com']);

    const registrations = await (await fetch(`${controlUrl}/registrations?runtime=production`)).json();
    expect(registrations).toContainEqual(expect.objectContaining({ userId: SIM_USER.id, isValid: true }));
    expect((await fetch(`${controlUrl}/registrations?runtime=nope`)).status).toBe(404);

    const skip = await fetch(`${controlUrl}/skip-validation`, {
      method: 'POST',
      body: JSON.stringify({ runtime: 'staging', skip: true }),
    });
    expect(skip.status).toBe(204);
    const reset = await fetch(`${controlUrl}/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(await (await fetch(`${controlUrl}/log`)).json()).toEqual([]);
  });

  it('faults from the control port: status, and drop resets the connection', async () => {
    running = await startSimulator();
    const { port, controlUrl } = running;
    const inject = (spec: unknown) =>
      fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify(spec) });
    expect((await inject({ host: 'argo.acme-corp.example', status: 502, times: 1 })).status).toBe(204);
    expect((await viaHttps(port, 'argo.acme-corp.example', '/app-proxy/api/readyz')).status).toBe(502);
    expect((await viaHttps(port, 'argo.acme-corp.example', '/app-proxy/api/readyz')).status).toBe(200);

    await inject({ host: 'g.codefresh.io', kind: 'drop' });
    await expect(viaHttps(port, 'g.codefresh.io', '/2.0/user-settings')).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect((await fetch(`${controlUrl}/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await viaHttps(port, 'g.codefresh.io', '/2.0/user-settings')).status).toBe(200);
    expect((await inject({ kind: 'drop' })).status).toBe(400);
  });

  it('close() leaves neither port listening', async () => {
    const started = await startSimulator();
    const { port, controlPort } = started;
    await viaHttps(port, 'g.codefresh.io', '/2.0/user-settings');
    expect(await isListening(port)).toBe(true);
    await started.close();
    expect(await isListening(port)).toBe(false);
    expect(await isListening(controlPort)).toBe(false);
  });
});
