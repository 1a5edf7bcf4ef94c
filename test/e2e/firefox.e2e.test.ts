import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_GIT_API_URLS, SEED_TOKENS } from '../simulator/git-providers';
import { appProxyHost, DEMO_API_KEY, GITLAB_API_KEY, SIM_USER } from '../simulator/seed';
import { type RunningSimulator, startSimulator } from '../simulator/server';
import { type ConnectProxy, startConnectProxy } from './firefox/connect-proxy';
import { type FirefoxExtension, type FirefoxPage, launchFirefoxExtension } from './firefox/firefox-extension';

const GOOD = SEED_TOKENS.githubClassicOk.token;
const PASSPHRASE = 'correct horse battery staple';
const GITLAB_ROTATE_PATH = '/api/v4/personal_access_tokens/self/rotate';

/** Waits, as the Chromium tests do with `expect.poll`, for the page's visible text to match. */
const shows = (page: FirefoxPage) => expect.poll(() => page.text(), { timeout: 15_000 });

// The same built extension, packaged for Firefox (dist-firefox/), in Firefox ESR against the simulator.
describe('the Firefox build in Firefox', () => {
  let simulator: RunningSimulator;
  let proxy: ConnectProxy;
  let firefox: FirefoxExtension;
  const aliceOn = (runtime: string) =>
    simulator.sim.registrations(runtime).find((r) => r.userId === SIM_USER.id);

  beforeAll(async () => {
    simulator = await startSimulator();
    proxy = await startConnectProxy(simulator.hosts, simulator.port);
    // The runtimes' hosts are granted as if the user had allowed them, as in the Chromium stack.
    const grantedOrigins = simulator.sim.runtimeHosts.map((host) => `https://${host}`);
    firefox = await launchFirefoxExtension({ proxyPort: proxy.port, grantedOrigins });
  });
  afterAll(async () => {
    await firefox?.close();
    await proxy?.close();
    await simulator?.close();
  });

  it('opens the popup, which asks the background for the state and shows the API key form', async () => {
    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain('Codefresh API key');
    const text = await popup.text();
    expect(text).toContain('Connect to Codefresh');
    expect(text).not.toContain('This message was not sent by the extension');
  });

  it('signs in with a typed API key and lists the runtimes with their token state', async () => {
    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain('Codefresh API key');
    await popup.type('Codefresh API key', DEMO_API_KEY);
    await popup.clickButton('Check and save key');
    await shows(popup).toContain('production');
    await shows(popup).toContain('Token valid');
    const text = await popup.text();
    expect(text).toContain('staging');

    const me = simulator.sim.log().find((entry) => entry.operationName === 'Me');
    expect(me?.host).toBe('g.codefresh.io');
    expect(me?.headers.origin).toMatch(/^moz-extension:\/\//);
  });

  it('checks a typed GitHub token and adds it to a runtime, which the simulator records', async () => {
    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain('Your runtimes');
    await shows(popup).toContain('staging');
    await popup.selectOption('Codefresh runtime', 'staging');
    await popup.type('Git personal access token', GOOD);
    await popup.clickButton('Check token');
    await shows(popup).toContain('octocat');
    // The field is emptied once the token is sent to the background.
    expect(await popup.evaluate<string>(`document.getElementById('git-token')?.value ?? ''`)).toBe('');

    await popup.clickButton('Add to staging');
    await shows(popup).toContain('Added');
    const registration = simulator.sim.registrations('staging').find((r) => r.userId === SIM_USER.id);
    expect(registration).toMatchObject({ tokenLastFour: GOOD.slice(-4), isValid: true });
  });

  it('protects the saved token with a passphrase from the options page', async () => {
    const options = await firefox.openPage('src/options/index.html');
    await shows(options).toContain('Protect with a passphrase');
    await options.type('New passphrase', PASSPHRASE);
    await options.type('Repeat the new passphrase', PASSPHRASE);
    await options.clickButton('Protect with a passphrase');
    await shows(options).toContain('Passphrase protection is on.');
  });

  it('locks, refuses a wrong passphrase, and reuses the saved token once the right one unlocks it', async () => {
    const first = await firefox.openPage('src/popup/index.html');
    await shows(first).toContain('Your runtimes');
    await first.clickButton('Lock');
    await shows(first).toContain('Unlock');

    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain('Unlock');
    await popup.type('Passphrase', 'not the passphrase');
    await popup.clickButton('Unlock');
    await shows(popup).toContain('That passphrase did not unlock the saved tokens.');
    expect(await popup.text()).not.toContain('Your runtimes');

    await popup.type('Passphrase', PASSPHRASE);
    await popup.clickButton('Unlock');
    await shows(popup).toContain('Your runtimes');
    await shows(popup).toContain('sandbox');
    await popup.selectOption('Codefresh runtime', 'sandbox');
    await popup.clickButton('Use on sandbox');
    await shows(popup).toContain('Added');
    expect(simulator.sim.registrations('sandbox').map((r) => r.userId)).toContain(SIM_USER.id);
  });

  it('authorizes with GitHub through the consent tab the extension opens', async () => {
    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain('Your runtimes');
    await shows(popup).toContain('analytics');
    await popup.selectOption('Codefresh runtime', 'analytics');
    await popup.clickButton('Authorize with GitHub');

    const consent = await firefox.waitForTab('https://github.com/login/oauth/authorize?');
    await shows(consent).toContain('analytics');
    await shows(consent).toContain('Allow');
    await consent.clickButton('Allow');
    await shows(popup).toContain('Authorized: your token there is valid.');
    expect(await consent.closed()).toBe(true);
    const registration = simulator.sim.registrations('analytics').find((r) => r.userId === SIM_USER.id);
    expect(registration).toMatchObject({
      tokenLastFour: SEED_TOKENS.githubOAuth.token.slice(-4),
      isValid: true,
    });
  });

  it('warns about a token that expires soon, on the badge and in the popup, and replaces it everywhere', async () => {
    const NEAR = SEED_TOKENS.githubClassicNearExpiry.token;
    const adding = await firefox.openPage('src/popup/index.html');
    await shows(adding).toContain('Your runtimes');
    await shows(adding).toContain('production');
    await adding.selectOption('Codefresh runtime', 'production');
    await adding.type('Git personal access token', NEAR);
    await adding.clickButton('Check token');
    await adding.clickButton('Add to production');
    await shows(adding).toContain('Added');

    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toMatch(/octocat · GITHUB: expires in [23] day/);
    // ops's seeded invalid token counts too.
    expect(await popup.evaluate<string>('browser.action.getBadgeText({})')).toBe('2');

    await popup.clickButton('Replace everywhere');
    await popup.type('New Git personal access token', GOOD);
    await popup.clickButton('Check and replace on every runtime');
    await shows(popup).toContain('Every runtime now uses the new token');
    const registration = simulator.sim.registrations('production').find((r) => r.userId === SIM_USER.id);
    expect(registration).toMatchObject({ tokenLastFour: GOOD.slice(-4), isValid: true });
  });

  it('runs the content script on the settings page, which reports the right-clicked runtime', async () => {
    const settings = await firefox.openUrl('https://g.codefresh.io/2.0/user-settings');
    await shows(settings).toContain('sandbox');
    await settings.rightClickRow('sandbox');
    // What the content script sent, as the worker keeps it (read from an extension page, as the
    // Chromium test reads it from the worker): the runtime under the pointer, and no secret.
    const popup = await firefox.openPage('src/popup/index.html');
    const reports = async () =>
      Object.values(
        await popup.evaluate<Record<string, { focusedText?: string; rowTexts: string[] }>>(
          'browser.storage.session.get()',
        ),
      );
    await expect
      .poll(
        async () =>
          (await reports())
            .find((r) => r?.focusedText?.split(' ').includes('sandbox'))
            ?.rowTexts.some((row) => row.split(' ').includes('staging')),
        { timeout: 10_000 },
      )
      .toBe(true);
  });

  it('handles a leaked GitHub token: revoked at GitHub, removed from every runtime, forgotten', async () => {
    const USED_ON = ['production', 'staging', 'sandbox'];
    for (const name of USED_ON) expect(aliceOn(name)).toMatchObject({ tokenLastFour: GOOD.slice(-4) });
    simulator.sim.clearLog();
    const popup = await firefox.openPage('src/popup/index.html');
    await shows(popup).toContain(`used on ${USED_ON.join(', ')}`);
    await popup.clickButton('This token leaked');
    await shows(popup).toContain('leaked? This will:');
    const asked = await popup.text();
    expect(asked).toContain('revoke it at GitHub (github.com) (cannot be undone)');
    expect(asked).toContain(`remove your token from ${USED_ON.join(', ')}`);
    expect(asked).toContain('forget the saved copy');
    await popup.clickButton('Revoke, remove and forget');

    await shows(popup).toContain('Revoked at GitHub (github.com).');
    await shows(popup).toContain('The saved copy is forgotten.');
    const results = await popup.text();
    for (const name of USED_ON) expect(results).toMatch(new RegExp(`${name}\\s+Removed`));
    // At GitHub: one unauthenticated POST, accepted.
    const revocations = simulator.sim
      .log()
      .filter((e) => e.host === 'api.github.com' && e.path === '/credentials/revoke');
    expect(revocations).toHaveLength(1);
    expect(revocations[0]).toMatchObject({ method: 'POST', status: 202 });
    expect(Object.keys(revocations[0]!.headers)).not.toContain('authorization');
    // On each runtime: one deregistration, and Alice's registration is gone.
    for (const name of USED_ON) {
      const deregistrations = simulator.sim
        .log()
        .filter((e) => e.host === appProxyHost(name) && e.operationName === 'DeregisterFromGitIntegration');
      expect(deregistrations).toHaveLength(1);
      expect(aliceOn(name)).toBeUndefined();
    }
    // In the extension: the popup reads the saved list again from the worker, and it is empty.
    await shows(popup).not.toContain('Saved tokens');
    expect(await popup.text()).not.toContain('This token leaked');
  });

  it('rotates a saved GitLab token with Rotate now, in the GitLab account: new token on every runtime, old one revoked', async () => {
    const OLD = SEED_TOKENS.gitlabSelfRotate.token;
    const GITLAB_RUNTIMES = ['gitlab-eu', 'gitlab-us'];
    const adding = await firefox.openPage('src/popup/index.html');
    await shows(adding).toContain('Your runtimes');
    await adding.clickButton('Add another account');
    await adding.type('Codefresh API key', GITLAB_API_KEY);
    await adding.clickButton('Check and save key');
    await shows(adding).toContain('gitlab-us');
    await adding.type('Git personal access token', OLD);
    await adding.clickButton('Check token');
    await adding.clickButton('Add to all 2 missing');
    await shows(adding).toMatch(/Added[\s\S]*Added/);
    for (const name of GITLAB_RUNTIMES) expect(aliceOn(name)?.tokenLastFour).toBe(OLD.slice(-4));

    simulator.sim.clearLog();
    const popup = await firefox.openPage('src/popup/index.html');
    await popup.clickButton('Rotate now');
    for (const name of GITLAB_RUNTIMES) await shows(popup).toContain(`${name}: has the new token`);
    const issued = simulator.sim.gitlabIssuedTokens();
    expect(issued).toHaveLength(1);
    const fresh = issued[0]!;
    const log = simulator.sim.log();
    expect(log.filter((e) => e.host === 'gitlab.com' && e.path === GITLAB_ROTATE_PATH)).toMatchObject([
      { method: 'POST', status: 200 },
    ]);
    for (const name of GITLAB_RUNTIMES) {
      expect(aliceOn(name)).toMatchObject({ tokenLastFour: fresh.slice(-4), isValid: true });
      const registers = log.filter(
        (e) => e.host === appProxyHost(name) && e.operationName === 'RegisterToGitIntegration',
      );
      expect(registers).toHaveLength(1);
    }
    // GitLab revoked the old one at once (401), and the new one works.
    const gitlabSelf = async (token: string) =>
      (
        await simulator.sim.fetch(`${FAKE_GIT_API_URLS.gitlab}/personal_access_tokens/self`, {
          headers: { 'PRIVATE-TOKEN': token },
        })
      ).status;
    expect(await gitlabSelf(OLD)).toBe(401);
    expect(await gitlabSelf(fresh)).toBe(200);
    await shows(popup).toContain(`···${fresh.slice(-4)}`);
  });

  it('reaches no host but the simulated ones, and reports no script error', async () => {
    expect(await firefox.errors()).toEqual([]);
    expect(simulator.sim.log().every((entry) => simulator.hosts.includes(entry.host))).toBe(true);
  });
});
