import WebSocket from 'ws';

export interface BidiClient {
  /** Sends one command; resolves with its `result`, rejects with the browser's error text. */
  send<T = Record<string, unknown>>(method: string, params?: object): Promise<T>;
  close(): void;
}

/**
 * A minimal WebDriver BiDi client. Playwright's own Firefox-over-BiDi support needs commands that
 * Firefox ESR 153 lacks, so the Firefox tests speak the standard protocol directly; only the few
 * commands they use are needed, and each answer is matched to its command by id.
 */
export const connectBidi = async (endpoint: string): Promise<BidiClient> => {
  const socket = new WebSocket(endpoint);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void }>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (waiter) {
      pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new Error(`${message.error}: ${message.message}`));
      else waiter.resolve(message.result as never);
    }
    // Events are not subscribed to: BiDi's log events do not reach extension pages (see the harness).
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('The BiDi connection closed.'));
    pending.clear();
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolve as (value: never) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
};
