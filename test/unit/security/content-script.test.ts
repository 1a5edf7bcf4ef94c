// @vitest-environment happy-dom
// The content script runs inside Codefresh pages, which SECURITY.md treats as hostile. These tests
// check both ends: what the script itself does (sends only `page/report`, listens to nothing), and
// what the worker's router does with every other message arriving from such a sender.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMessageListener } from '../../../src/background/messaging/message-router';
import type { WorkerFeatures as Services } from '../../../src/background/messaging/routes';
import { buildRoutes } from '../../../src/background/messaging/routes';
import { classifySender } from '../../../src/background/messaging/sender-guard';
import { allMessages } from '../../../src/shared/messages';

const ROOT = resolve(import.meta.dirname, '../../..');
const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const guard = {
  extensionId: EXTENSION_ID,
  extensionOrigin: `chrome-extension://${EXTENSION_ID}`,
  platformOrigins: ['https://g.codefresh.io'],
};

/** What Chromium stamps on a message from our content script in a Codefresh tab. */
const codefreshSender = {
  id: EXTENSION_ID,
  url: 'https://g.codefresh.io/2.0/account-settings/runtimes',
  origin: 'https://g.codefresh.io',
  frameId: 0,
  documentId: '9F1D8B3C2E4A5B6C7D8E9F0A1B2C3D4E',
  documentLifecycle: 'active',
  tab: {
    id: 41,
    index: 2,
    windowId: 1,
    highlighted: true,
    active: true,
    pinned: false,
    incognito: false,
    url: 'https://g.codefresh.io/2.0/account-settings/runtimes',
    title: 'GitOps Runtimes',
  },
};

/** Services that record any call at all: a refused message must reach none of them. */
const trapServices = () => {
  const calls: string[] = [];
  const trap = (path: string): unknown =>
    new Proxy(() => {}, {
      get: (_t, key) => trap(`${path}.${String(key)}`),
      apply: () => {
        calls.push(path);
        return Promise.resolve({});
      },
    });
  return { services: trap('services') as Services, calls };
};

/** A plausible payload per message, so the refusal is about the sender and not the shape. */
const PAYLOADS: Record<string, unknown> = {
  'account/set-api-key': { apiKey: 'x' },
  'runtimes/list': { refresh: true },
  'page/detect': { url: 'https://g.codefresh.io/' },
  'runtimes/remember': { runtimeName: 'production' },
  'token/validate': { token: 'ghp_x', runtimeName: 'production' },
  'token/apply': { source: { kind: 'record', recordId: 'r1' }, runtimeNames: ['production'], keep: true },
  'token/remove-from-runtime': { runtimeName: 'production' },
  'token/discard-draft': { draftId: 'd1' },
  'vault/remove': { recordId: 'r1' },
  'vault/unlock': { passphrase: 'p' },
  'vault/enable-passphrase': { passphrase: 'long enough passphrase' },
  'vault/disable-passphrase': { passphrase: 'p' },
  'vault/change-passphrase': { oldPassphrase: 'p', newPassphrase: 'long enough passphrase' },
  'vault/set-auto-lock': { minutes: 5 },
  'vault/reset': { confirm: 'erase everything' },
  'expiry/set-settings': { leadDays: 7, notifications: true },
  'token/rotate': { oldRecordId: 'r1', token: 'ghp_x', confirmDifferentOwner: false },
};

describe('the content script', () => {
  afterEach(async () => {
    // The script still observes the page: let the report this clean-up causes reach the stub.
    document.body.innerHTML = '';
    await new Promise((r) => setTimeout(r, 400));
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('sends only page/report and registers no message listener', async () => {
    document.body.innerHTML = `<table><thead><tr><th>Runtime</th><th>Status</th></tr></thead>
      <tbody><tr><td>production</td><td>ok</td></tr><tr><td>staging</td><td>ok</td></tr></tbody></table>`;
    const sent: unknown[] = [];
    const touched = new Set<string>();
    // Any chrome.* API the script reaches is recorded; only runtime.sendMessage answers.
    const api = (path: string): unknown =>
      new Proxy(() => {}, {
        get: (_t, key) => {
          touched.add(`${path}.${String(key)}`);
          return api(`${path}.${String(key)}`);
        },
        apply: (_t, _this, args) => {
          if (path === 'chrome.runtime.sendMessage') {
            sent.push(args[0]);
            return Promise.resolve({ ok: true, value: { received: true } });
          }
          throw new Error(`The content script called ${path}`);
        },
      });
    vi.stubGlobal('chrome', api('chrome'));

    // The script is not a module (it imports and exports nothing), so TypeScript gets no literal to resolve.
    await import('../../../src/content/codefresh-page.ts' as string);
    document.querySelector('td')!.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    document.body.append(document.createElement('div'));
    await new Promise((r) => setTimeout(r, 400));

    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const message of sent) {
      expect(message).toMatchObject({ type: 'page/report' });
      const payload = (message as { payload: Record<string, unknown> }).payload;
      expect(Object.keys(payload).every((k) => ['rowTexts', 'focusedText'].includes(k))).toBe(true);
    }
    expect([...touched].sort()).toEqual(['chrome.runtime', 'chrome.runtime.sendMessage']);
  });

  it('has no code path that listens to the worker or reads storage', () => {
    const source = readFileSync(join(ROOT, 'src/content/codefresh-page.ts'), 'utf8').replace(
      /^\s*\/\/.*$/gm,
      '',
    );
    expect(source).not.toMatch(/onMessage|onConnect|\.connect\(|storage|postMessage|import /);
    expect(source.match(/type: '([^']+)'/g)).toEqual(["type: 'page/report'"]);
  });
});

describe('the worker, for a sender in a Codefresh tab', () => {
  it('opens only page/report to content scripts', () => {
    expect(allMessages.filter((m) => m.audience === 'content-scripts-too').map((m) => m.type)).toEqual([
      'page/report',
    ]);
  });

  it('classifies the realistic Codefresh sender as a content script', () => {
    expect(classifySender(codefreshSender as never, guard)).toBe('content-script');
  });

  it.each(allMessages.filter((m) => m.type !== 'page/report').map((m) => [m.type] as const))(
    'refuses %s from a Codefresh page and calls no service',
    async (type) => {
      const { services, calls } = trapServices();
      const listener = createMessageListener(buildRoutes(services), (s) => classifySender(s, guard));
      const answer = await listener({ type, payload: PAYLOADS[type] ?? {} }, codefreshSender as never);
      expect(answer).toEqual({
        ok: false,
        error: { code: 'sender-not-allowed', message: 'Codefresh pages may not ask for this.' },
      });
      expect(calls).toEqual([]);
    },
  );

  it('declares no external messaging and no web-accessible resources', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.externally_connectable).toEqual({ ids: [] });
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => {
        const p = join(dir, n);
        return statSync(p).isDirectory() ? files(p) : [p];
      });
    for (const file of files(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(
        /onMessageExternal|onConnectExternal|TRUSTED_AND_UNTRUSTED|session\.setAccessLevel/,
      );
      // The one access-level call narrows storage.local to trusted contexts, in one module.
      if (/setAccessLevel/.test(text)) {
        expect(file.replace(/\\/g, '/')).toMatch(/src\/background\/(storage\/storage-access|index)\.ts$/);
      }
    }
  });
});
