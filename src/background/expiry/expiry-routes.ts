import { getExpiryStatus, setExpirySettings } from '../../shared/messages/expiry';
import { rotateToken } from '../../shared/messages/token';
import { routesOf } from '../messaging/message-router';
import type { ExpiryWatch } from './expiry-watch';
import type { ReplaceEverywhere } from './replace-everywhere';
import type { ToolbarBadge } from './toolbar-badge';

export interface ExpiryRouteDeps {
  readonly watch: Pick<ExpiryWatch, 'status' | 'setSettings'>;
  readonly rotate: ReplaceEverywhere['rotate'];
  /** The popup or options page asking for the status has been opened: the menu's outcome was seen. */
  readonly badge?: Pick<ToolbarBadge, 'acknowledgeMenuOutcome'>;
}

export const expiryMessages = [getExpiryStatus, setExpirySettings, rotateToken] as const;

export const expiryRoutes = ({ watch, rotate, badge }: ExpiryRouteDeps) =>
  routesOf(expiryMessages, {
    [getExpiryStatus.type]: async () => {
      await badge?.acknowledgeMenuOutcome().catch(() => {});
      return watch.status();
    },
    [setExpirySettings.type]: (settings) => watch.setSettings(settings),
    [rotateToken.type]: async ({ oldRecordId, token, username, confirmDifferentOwner }) => {
      const answer = await rotate({
        oldRecordId,
        newToken: token,
        ...(username ? { username } : {}),
        confirmDifferentOwner,
      });
      // The badge stops warning about a token just replaced now, not at the next alarm (no notification).
      await watch.status().catch(() => {});
      return answer;
    },
  });
