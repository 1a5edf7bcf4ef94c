import type { Server } from 'node:net';

/** Listens on 127.0.0.1 only (never a public interface) and resolves the port actually bound. */
export const listenLocal = (server: Server, port = 0): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (!address || typeof address === 'string') reject(new Error('Server has no TCP address'));
      else resolve(address.port);
    });
  });

/** Closes a server and every connection it holds, so nothing is left listening or half-open. */
export const closeServer = (server: Server & { closeAllConnections?: () => void }): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections?.();
  });
