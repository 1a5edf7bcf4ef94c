import { createServer } from 'node:http';
import { connect } from 'node:net';

export interface ConnectProxy {
  readonly port: number;
  /** Hosts Firefox asked for that the proxy refused (its own update and telemetry hosts, say). */
  readonly refused: string[];
  close(): Promise<void>;
}

/**
 * Firefox has no `--host-resolver-rules`; it reaches the simulator's host names through this HTTP
 * proxy instead. Each `CONNECT host:443` for a simulator host is piped to the simulator's one
 * HTTPS port, so TLS (with the host name in SNI) runs end to end as with Chromium's mapping.
 * Every other host is refused: the tests must not depend on the network.
 */
export const startConnectProxy = async (
  hosts: readonly string[],
  targetPort: number,
): Promise<ConnectProxy> => {
  const refused: string[] = [];
  const server = createServer((_request, response) => {
    response.statusCode = 405;
    response.end();
  });
  server.on('connect', (request, client, head) => {
    const [host, port] = (request.url ?? '').split(':');
    if (!host || port !== '443' || !hosts.includes(host)) {
      refused.push(request.url ?? '');
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no port.');
  return {
    port: address.port,
    refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
