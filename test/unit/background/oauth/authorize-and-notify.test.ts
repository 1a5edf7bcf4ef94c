import { describe, expect, it } from 'vitest';
import { menuText } from '../../../../src/background/menu/menu-text';
import { authorizeAndNotify } from '../../../../src/background/oauth/authorize-and-notify';
import { AppFailure } from '../../../../src/shared/errors';
import type { OAuthAnswer } from '../../../../src/shared/messages/oauth';

describe('authorizing with OAuth (oauth feature)', () => {
  const answer: OAuthAnswer = {
    results: [
      { runtimeName: 'qa', ok: true },
      { runtimeName: 'prod', ok: false, error: { code: 'oauth-closed', message: 'The tab was closed.' } },
    ],
  } as never;

  it('tells the outcome by notification, since the popup closed when the consent tab opened', async () => {
    const shown: [string, string][] = [];
    const authorize = authorizeAndNotify(
      async () => answer,
      async (title, message) => {
        shown.push([title, message]);
      },
    );
    expect(await authorize(['qa', 'prod'])).toBe(answer);
    expect(shown).toEqual([
      [
        menuText.resultTitle(1),
        menuText.resultLine(['qa'], [{ name: 'prod', message: 'The tab was closed.' }]),
      ],
    ]);
  });

  it('still answers when the notification cannot be shown', async () => {
    const authorize = authorizeAndNotify(
      async () => answer,
      () => Promise.reject(new AppFailure('x', 'no notifications')),
    );
    await expect(authorize(['qa'])).resolves.toBe(answer);
  });
});
