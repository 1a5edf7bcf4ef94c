import type { OAuthAnswer } from '../../shared/messages/oauth';
import { menuText } from '../menu/menu-text';
import type { OAuthService } from './oauth-routes';

/**
 * The toolbar popup closes when the consent tab takes focus, so the outcome is told by
 * notification too: which runtimes were added and why the others were not.
 */
export const authorizeAndNotify =
  (
    authorize: (runtimeNames: readonly string[]) => Promise<OAuthAnswer>,
    notify: (title: string, message: string) => Promise<void>,
  ): OAuthService['authorize'] =>
  async (runtimeNames) => {
    const answer = await authorize(runtimeNames);
    const added = answer.results.filter((r) => r.ok).map((r) => r.runtimeName);
    const failed = answer.results.flatMap((r) =>
      r.ok ? [] : [{ name: r.runtimeName, message: r.error.message }],
    );
    await notify(menuText.resultTitle(failed.length), menuText.resultLine(added, failed)).catch(() => {});
    return answer;
  };
