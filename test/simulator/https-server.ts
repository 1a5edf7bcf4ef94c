/**
 * The one HTTPS port every fake host shares. Chromium reaches it through `--host-resolver-rules`
 * and `--ignore-certificate-errors` (toolchain.md step 4), so the request's `Host` header names the
 * fake host and the production build runs unchanged. The certificate is made at start, with every
 * host as a SAN, and never written to disk.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { generate } from 'selfsigned';
import { isDropped } from './index';
import { closeServer, listenLocal } from './listen';
import type { FetchHandler } from './types';

export const makeCertificate = async (hosts: readonly string[]): Promise<{ key: string; cert: string }> => {
  const pems = await generate([{ name: 'commonName', value: 'Codefresh simulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hosts.map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
};

// Connection-level headers belong to this hop, not to the request the handlers see.
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
]);

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const toRequest = async (req: IncomingMessage): Promise<Request> => {
  const host = (req.headers.host ?? 'localhost').replace(/:\d+$/, '');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
  return new Request(`https://${host}${req.url ?? '/'}`, { method, headers, ...(body ? { body } : {}) });
};

const send = async (res: ServerResponse, method: string, response: Response): Promise<void> => {
  const body = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (method !== 'HEAD') headers['content-length'] = String(body.length);
  res.writeHead(response.status, headers);
  res.end(body);
};

export interface HttpsSimulatorServer {
  readonly port: number;
  close(): Promise<void>;
}

export const startHttpsServer = async (
  handle: FetchHandler,
  hosts: readonly string[],
  port = 0,
): Promise<HttpsSimulatorServer> => {
  const sockets = new Set<Socket>();
  const server: Server = createServer(await makeCertificate(hosts), (req, res) => {
    void (async () => {
      try {
        const request = await toRequest(req);
        await send(res, request.method, await handle(request));
      } catch (error) {
        // A dropped-connection fault: reset the socket so the client sees a network error.
        if (isDropped(error)) req.socket.destroy();
        else if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('simulator error');
        } else res.destroy();
      }
    })();
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const bound = await listenLocal(server, port);
  return {
    port: bound,
    async close() {
      const closing = closeServer(server);
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
};
