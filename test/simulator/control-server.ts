/**
 * A plain-HTTP side door on 127.0.0.1 for tests and the demo running in another process: reset
 * the world, inject faults, read the request log and what each app-proxy holds. It serves only
 * the simulator's own redacted views, never a token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Simulator } from './index';
import { closeServer, listenLocal } from './listen';
import { REFUSALS, type Refusal } from './refusals';
import type { FaultSpec } from './types';

const MAX_BODY = 64 * 1024;

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
};

const reply = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const route = async (sim: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const key = `${req.method} ${url.pathname}`;
  switch (key) {
    case 'POST /reset':
      sim.reset();
      return reply(res, 204);
    case 'POST /faults': {
      const spec = await readJson(req);
      if (!isObject(spec) || typeof spec.host !== 'string')
        return reply(res, 400, { error: 'A fault needs a host' });
      sim.inject(spec as unknown as FaultSpec);
      return reply(res, 204);
    }
    case 'DELETE /faults':
      sim.clearFaults();
      return reply(res, 204);
    case 'GET /log':
      return reply(res, 200, sim.log());
    case 'DELETE /log':
      sim.clearLog();
      return reply(res, 204);
    case 'GET /registrations': {
      const runtime = url.searchParams.get('runtime') ?? '';
      try {
        return reply(res, 200, sim.registrations(runtime));
      } catch {
        return reply(res, 404, { error: `No runtime named ${runtime}` });
      }
    }
    case 'POST /skip-validation': {
      const body = await readJson(req);
      if (!isObject(body) || typeof body.runtime !== 'string' || typeof body.skip !== 'boolean') {
        return reply(res, 400, { error: 'Expected {"runtime": string, "skip": boolean}' });
      }
      try {
        sim.setSkipValidation(body.runtime, body.skip);
      } catch {
        return reply(res, 404, { error: `No runtime named ${body.runtime}` });
      }
      return reply(res, 204);
    }
    case 'POST /refusal': {
      const body = await readJson(req);
      const refusal = isObject(body) ? body.refusal : undefined;
      if (
        !isObject(body) ||
        typeof body.runtime !== 'string' ||
        !(refusal === null || REFUSALS.includes(refusal as Refusal))
      ) {
        return reply(res, 400, {
          error: `Expected {"runtime": string, "refusal": ${REFUSALS.map((r) => `"${r}"`).join(' | ')} | null}`,
        });
      }
      try {
        sim.setRefusal(body.runtime, refusal as Refusal | null);
      } catch {
        return reply(res, 404, { error: `No runtime named ${body.runtime}` });
      }
      return reply(res, 204);
    }
    case 'POST /token-valid': {
      const body = await readJson(req);
      if (
        !isObject(body) ||
        typeof body.runtime !== 'string' ||
        typeof body.userId !== 'string' ||
        typeof body.isValid !== 'boolean'
      ) {
        return reply(res, 400, {
          error: 'Expected {"runtime": string, "userId": string, "isValid": boolean}',
        });
      }
      try {
        sim.setTokenValid(body.runtime, body.userId, body.isValid);
      } catch {
        return reply(res, 404, { error: 'No such runtime or registration' });
      }
      return reply(res, 204);
    }
    default:
      return reply(res, 404, { error: `No control route ${key}` });
  }
};

export interface ControlServer {
  readonly port: number;
  close(): Promise<void>;
}

export const startControlServer = async (sim: Simulator, port = 0): Promise<ControlServer> => {
  const server: Server = createServer((req, res) => {
    route(sim, req, res).catch(() => reply(res, 400, { error: 'Bad request' }));
  });
  const bound = await listenLocal(server, port);
  return { port: bound, close: () => closeServer(server) };
};
