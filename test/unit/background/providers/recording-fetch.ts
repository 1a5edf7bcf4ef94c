import { expect } from 'vitest';
import { AppFailure } from '../../../../src/shared/errors';
import { createFakeGitProviders, SEED_ANCHOR_MS } from '../../../simulator/git-providers/index';
import type { FetchHandler } from '../../../simulator/types';

export interface RecordedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly credentials: RequestCredentials | undefined;
  readonly cache: RequestCache | undefined;
  readonly redirect: RequestRedirect | undefined;
  readonly hasSignal: boolean;
}

/** Wraps a fake host as `fetch`, recording what the validator asked for (the unit is the validator). */
export const recordingFetch = (handle: FetchHandler) => {
  const requests: RecordedRequest[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      credentials: init?.credentials,
      cache: init?.cache,
      redirect: init?.redirect,
      hasSignal: init?.signal instanceof AbortSignal,
    });
    return handle(request);
  };
  return { fetch: fetchFn as typeof fetch, requests };
};

/** A fresh set of fake providers plus a recorder, with the clock at the seeds' anchor. */
export const setup = () => {
  const fakes = createFakeGitProviders({ now: () => SEED_ANCHOR_MS });
  const recorder = recordingFetch(fakes.handle);
  return { fakes, ...recorder, deps: { fetch: recorder.fetch, now: () => SEED_ANCHOR_MS } };
};

/** Faults the simulator core injects in the demo, reproduced here around the fake handle. */
export const faults = {
  status:
    (status: number): FetchHandler =>
    async () =>
      new Response('<html><body>Bad gateway</body></html>', {
        status,
        headers: { 'Content-Type': 'text/html' },
      }),
  /** Keeps the real status and headers, replaces the body with something that is not JSON. */
  malformed:
    (handle: FetchHandler): FetchHandler =>
    async (request) => {
      const real = await handle(request);
      return new Response('{"login": "octo', { status: real.status, headers: real.headers });
    },
  /** Never answers; rejects only when the validator's signal aborts. */
  hang: (): FetchHandler => async (request) =>
    new Promise<Response>((_, reject) => {
      request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }),
  network: (): FetchHandler => async () => {
    throw new TypeError('fetch failed: getaddrinfo ENOTFOUND');
  },
};

/** Runs `fn`, expects an AppFailure and returns its appError. */
export const failureOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return (e as AppFailure).appError;
  }
  throw new Error('expected an AppFailure, got a result');
};
