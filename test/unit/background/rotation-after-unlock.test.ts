// A GitLab rotation job left unfinished by a stopped worker, found behind a locked passphrase vault
// at the next start, is finished as soon as the user unlocks (issue 24): no Finish rotation click.
// The whole worker wiring (create-services.ts) over the simulator's platform, app-proxies and GitLab.
import { fakeBrowser } from '@webext-core/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformSettings } from '../../../src/background/account/platform-settings';
import { attachListeners } from '../../../src/background/browser/listener-dispatch';
import { createServices } from '../../../src/background/create-services';
import { ROTATION_JOBS_KEY } from '../../../src/background/storage/storage-keys';
import { createSimulator } from '../../simulator';
import { SEED_TOKENS } from '../../simulator/git-providers';
import { apiKeyForRuntime, SIM_USER } from '../../simulator/seed';
import { fakeListenedEvents, fakeWake } from './browser/fake-listened-events';

const sim = createSimulator();
const OLD = SEED_TOKENS.gitlabSelfRotate.token;
const RUNTIMES = ['gitlab-eu', 'gitlab-us'];
const PASSPHRASE = 'correct horse battery staple';
/** What the worker broadcast to open pages. */
const broadcasts: unknown[] = [];

const startWorker = async () => {
  const settings = createPlatformSettings(fakeBrowser.storage.local);
  await settings.ready;
  return createServices(settings);
};
const registeredLastFour = (runtime: string) =>
  sim.registrations(runtime).find((r) => r.userId === SIM_USER.id)?.tokenLastFour;

beforeEach(() => {
  sim.reset();
  fakeBrowser.reset();
  vi.stubGlobal('fetch', ((input: RequestInfo | URL, init?: RequestInit) =>
    sim.fetch(input, init)) as typeof fetch);
  vi.stubGlobal('indexedDB', new IDBFactory());
  broadcasts.length = 0;
  fakeBrowser.runtime.sendMessage = async (message: unknown) => void broadcasts.push(message);
  fakeBrowser.runtime.getURL = (path: string) => `chrome-extension://test/${path}`;
  fakeBrowser.storage.managed.get = (async () => ({})) as never;
  fakeBrowser.permissions.contains = (async () => true) as never;
});
afterEach(() => vi.unstubAllGlobals());

describe('an unfinished rotation behind a locked vault', () => {
  it('is finished when the vault is unlocked, without Finish rotation', async () => {
    const first = (await startWorker()).services;
    await first.account.setApiKey(apiKeyForRuntime('gitlab-eu'));
    const { draftId } = await first.tokens.validate(OLD, 'gitlab-eu');
    const added = await first.tokens.apply({ kind: 'draft', draftId }, RUNTIMES, true);
    expect(added.results.every((r) => r.ok)).toBe(true);
    const [record] = await first.vault.listSaved();
    await first.vault.enablePassphrase(PASSPHRASE);
    // The worker stopped after saving the new token and before any runtime took it: the job's notes
    // say "registering" and no runtime has an outcome yet (rotation-job.ts).
    await fakeBrowser.storage.local.set({
      [ROTATION_JOBS_KEY]: {
        [record!.id]: {
          recordId: record!.id,
          phase: 'registering',
          oldLastFour: 'xxxx',
          runtimes: RUNTIMES,
          outcomes: {},
          startedAt: 1,
          auto: false,
        },
      },
    });
    sim.clearLog();

    // A new browser session: the passphrase vault opens locked, so the start cannot finish the job.
    await fakeBrowser.storage.session.clear();
    const second = await startWorker();
    // The new worker's first answer has gone: what each feature deferred runs (wake.ts).
    const wake = fakeWake();
    attachListeners(fakeListenedEvents(), second.features, wake);
    await wake.release();
    expect((await second.services.rotation.status()).jobs.map((j) => j.recordId)).toEqual([record!.id]);
    expect(sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration')).toEqual([]);

    await second.services.vault.unlock(PASSPHRASE);
    await vi.waitFor(async () => expect((await second.services.rotation.status()).jobs).toEqual([]));
    const registers = sim.log().filter((e) => e.operationName === 'RegisterToGitIntegration');
    expect(registers).toHaveLength(RUNTIMES.length);
    for (const name of RUNTIMES) expect(registeredLastFour(name)).toBe(OLD.slice(-4));
    // Open pages are told how it ended, since no click of theirs waits for the answer.
    await vi.waitFor(() =>
      expect(broadcasts).toContainEqual({
        type: 'rotation/finished',
        recordId: record!.id,
        answer: expect.objectContaining({
          pending: false,
          results: RUNTIMES.map((runtimeName) => ({ runtimeName, ok: true })),
        }),
      }),
    );
  });
});
