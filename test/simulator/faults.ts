/**
 * Injected faults (Simulator contract, "Fault injection worth having"): an app-proxy 502, an
 * unreachable host, slow answers, `errors[]` next to non-null `data` (§6), a body that is not
 * JSON. A fault matches by host, then optionally by path prefix and GraphQL operation name, and
 * applies to the next `times` matching requests (every one when `times` is omitted).
 */
import type { FaultSpec } from './types';

/**
 * A dropped connection. In-process `fetch` rejects with it, as a browser's fetch rejects with
 * `TypeError: Failed to fetch`; the HTTPS server destroys the socket instead.
 */
export class DroppedConnection extends TypeError {
  constructor() {
    super('Failed to fetch');
  }
}

export interface RequestKey {
  readonly host: string;
  readonly path: string;
  readonly operationName?: string | undefined;
}

type FaultKind = NonNullable<FaultSpec['kind']>;

export const faultKind = (spec: FaultSpec): FaultKind =>
  spec.kind ?? (spec.status !== undefined ? 'status' : spec.delayMs !== undefined ? 'delay' : 'status');

/** `path` is a prefix when it starts with `/`, else an operation name (types.ts allows both). */
const matches = (spec: FaultSpec, key: RequestKey): boolean => {
  if (spec.host !== key.host) return false;
  if (spec.path !== undefined) {
    const ok = spec.path.startsWith('/') ? key.path.startsWith(spec.path) : spec.path === key.operationName;
    if (!ok) return false;
  }
  return spec.operationName === undefined || spec.operationName === key.operationName;
};

export interface Faults {
  inject(spec: FaultSpec): void;
  clear(): void;
  /** The first fault matching this request, counting one use of it. */
  take(key: RequestKey): FaultSpec | undefined;
  list(): FaultSpec[];
}

export const createFaults = (): Faults => {
  let active: { spec: FaultSpec; left: number }[] = [];
  return {
    inject(spec) {
      if (!spec || typeof spec.host !== 'string' || !spec.host) throw new Error('A fault needs a host');
      active.push({ spec: { ...spec }, left: spec.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      active = [];
    },
    take(key) {
      const found = active.find((f) => f.left > 0 && matches(f.spec, key));
      if (!found) return undefined;
      found.left -= 1;
      if (found.left <= 0) active = active.filter((f) => f !== found);
      return found.spec;
    },
    list: () => active.map((f) => f.spec),
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/** Applies a fault around the real answer; `respond` is called only when the fault needs it. */
export const applyFault = async (spec: FaultSpec, respond: () => Promise<Response>): Promise<Response> => {
  if (spec.delayMs) await sleep(spec.delayMs);
  switch (faultKind(spec)) {
    case 'delay':
      return respond();
    case 'drop':
      throw new DroppedConnection();
    case 'malformed':
      // Claims JSON, is not: what a proxy's error page or a truncated body looks like to a parser.
      return new Response(spec.body ?? '<html><body>upstream sent garbage', {
        status: spec.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      });
    case 'graphql-errors': {
      const real = await respond();
      const text = await real.text();
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { data: null };
      }
      const errors = Array.isArray(body.errors) ? body.errors : [];
      const added = {
        message: spec.body ?? 'Simulated error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
      const headers = new Headers(real.headers);
      headers.set('Content-Type', 'application/json; charset=utf-8');
      headers.delete('Content-Length');
      return new Response(JSON.stringify({ ...body, errors: [...errors, added] }), {
        status: spec.status ?? 200,
        headers,
      });
    }
    case 'status': {
      const status = spec.status ?? 500;
      const body = spec.body ?? JSON.stringify({ errors: [{ message: `Simulated HTTP ${status}` }] });
      return new Response(body, {
        status,
        headers: { 'Content-Type': looksLikeJson(body) ? 'application/json' : 'text/html' },
      });
    }
  }
};
