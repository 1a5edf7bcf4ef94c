import { describe, expect, it } from 'vitest';
import { graphqlRequest, serverReason } from '../../../../src/background/codefresh/graphql-request';
import { failureOf } from '../../failure';

// Error classes are exercised against the simulator in the client tests; this file covers what
// the simulator cannot produce (a redirect, a caller's abort) and the pure text helpers.

const platform = { target: 'platform' as const, url: 'https://g.codefresh.io/2.0/api/graphql' };
const call = {
  query: 'query Me { me { id } }',
  operationName: 'Me',
  variables: {},
  apiKey: 'k.SECRETKEY1234',
};

describe('serverReason', () => {
  it('serverReason joins distinct messages and says when there are none', () => {
    expect(serverReason([{ message: 'a' }, { message: 'a' }, { message: 'b' }])).toBe('a; b');
    expect(serverReason([{ message: '' }])).toBe('no reason given');
  });
});

describe('graphqlRequest: what the simulator cannot send', () => {
  it('sends the key raw, omits credentials, skips the cache, refuses redirects', async () => {
    let seen: RequestInit | undefined;
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen = init;
      return new Response('{"data":{"me":{"id":"1"}}}');
    }) as typeof globalThis.fetch;
    await expect(graphqlRequest({ fetch }, platform, call)).resolves.toEqual({ me: { id: '1' } });
    expect(seen).toMatchObject({
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'manual',
      headers: { Authorization: 'k.SECRETKEY1234', 'Content-Type': 'application/json' },
    });
    expect(JSON.parse(String(seen?.body))).toEqual({ query: call.query, variables: {}, operationName: 'Me' });
  });

  it('turns a redirect into a bad response, without following it', async () => {
    const fetch = (async () =>
      new Response(null, {
        status: 302,
        headers: { Location: 'https://evil.example/' },
      })) as typeof globalThis.fetch;
    const failure = await failureOf(graphqlRequest({ fetch }, platform, call));
    expect(failure.appError.code).toBe('codefresh-bad-response');
  });

  it.each([
    [platform, 'Codefresh (g.codefresh.io)'],
    [
      { target: 'app-proxy' as const, url: 'https://argo.example/app-proxy/api/graphql' },
      "The runtime's app-proxy at argo.example",
    ],
  ])('names the server that failed in each sentence (%#)', async (endpoint, server) => {
    const answering = (body: string, status = 200) =>
      (async () => new Response(body, { status })) as typeof globalThis.fetch;
    const messageFor = async (fetch: typeof globalThis.fetch) =>
      (await failureOf(graphqlRequest({ fetch }, endpoint, call))).message;
    expect(await messageFor(answering('', 302))).toBe(
      `${server} answered with a redirect instead of an answer. Check the host is right, then try again.`,
    );
    expect(await messageFor(answering('', 500))).toBe(
      `${server} had a problem (HTTP 500): "no reason given". Try again in a few minutes; if it keeps happening, check the runtime in Codefresh.`,
    );
    expect(await messageFor(answering('<html>'))).toBe(
      `${server} sent an answer that is not JSON. Try again later.`,
    );
    expect(await messageFor(answering('[1]'))).toBe(
      `${server} sent an answer in an unexpected shape. Try again later.`,
    );
    expect(await messageFor(answering('{"data":null}'))).toBe(
      `${server} sent an answer without data. Try again later.`,
    );
    expect(await messageFor(answering('{"errors":[{}]}'))).toBe(
      `${server} reported an error: "no reason given". Try again; if it keeps happening, check the runtime in Codefresh.`,
    );
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    const fetch = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const pending = graphqlRequest({ fetch }, platform, { ...call, signal: controller.signal });
    controller.abort();
    const failure = await failureOf(pending);
    expect(failure.appError).toEqual({ code: 'request-cancelled', message: 'The request was cancelled.' });
  });

  it('never puts the key or the URL into a network failure', async () => {
    const fetch = (async () => {
      throw new TypeError(`Failed to fetch https://g.codefresh.io/?key=${call.apiKey}`);
    }) as typeof globalThis.fetch;
    const failure = await failureOf(graphqlRequest({ fetch }, platform, call));
    expect(failure.appError.code).toBe('codefresh-unreachable');
    expect(JSON.stringify(failure.appError)).not.toContain(call.apiKey);
    expect(failure.message).not.toContain('?key');
  });

  it('redacts the key if a server echoes it in an error', async () => {
    const fetch = (async () =>
      new Response(
        JSON.stringify({ errors: [{ message: `bad key ${call.apiKey}` }] }),
      )) as typeof globalThis.fetch;
    const failure = await failureOf(graphqlRequest({ fetch }, platform, call));
    expect(failure.appError.code).toBe('codefresh-graphql');
    expect(failure.message).not.toContain(call.apiKey);
    expect(failure.message).toContain('bad key …');
  });
});
