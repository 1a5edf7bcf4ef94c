import { getExpiryStatus, setExpirySettings } from '../../shared/messages/expiry';
import { rotateToken } from '../../shared/messages/token';
import type { ExpiryWatch } from '../expiry-watch';
import { route } from '../message-router';
import type { ReplaceEverywhere } from '../replace-everywhere';

export interface ExpiryRouteDeps {
  readonly watch: Pick<ExpiryWatch, 'status' | 'setSettings'>;
  readonly rotate: ReplaceEverywhere['rotate'];
}

export const expiryRoutes = ({ watch, rotate }: ExpiryRouteDeps) => [
  route(getExpiryStatus, () => watch.status()),
  route(setExpirySettings, (settings) => watch.setSettings(settings)),
  route(rotateToken, async ({ oldRecordId, token, username, confirmDifferentOwner }) => {
    const answer = await rotate({
      oldRecordId,
      newToken: token,
      ...(username ? { username } : {}),
      confirmDifferentOwner,
    });
    // The badge stops warning about a token just replaced now, not at the next alarm (no notification).
    await watch.status().catch(() => {});
    return answer;
  }),
];
