import WebSocket from 'ws';

/** A WebDriver BiDi event, e.g. `log.entryAdded`. */
export interface BidiEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

export interface BidiClient {
  /** Sends one command; resolves with its `result`, rejects with the browser's error text. */
  send<T = Record<string, unknown>>(method: string, params?: object): Promise<T>;
  readonly events: BidiEvent[];
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
  const events: BidiEvent[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = typeof message.id === 'number' ? pending.get(message.id) : undefined;
    if (waiter) {
      pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new Error(`${message.error}: ${message.message}`));
      else waiter.resolve(message.result as never);
    } else if (message.type === 'event') {
      events.push({ method: message.method, params: message.params });
    }
  });
  socket.on('close', () => {
    for (const waiter of pending.values()) waiter.reject(new Error('The BiDi connection closed.'));
    pending.clear();
  });
  return {
    events,
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve: resolve as (value: never) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
};
