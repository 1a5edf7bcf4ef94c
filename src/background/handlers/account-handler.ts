import { setApiKey, signOut, switchAccount } from '../../shared/messages/account';
import { setPlatform } from '../../shared/messages/platform';
import { route } from '../message-router';
import type { Services } from '../services';

export const accountRoutes = ({ account, platform }: Services) => [
  route(setPlatform, ({ origin }) => platform.set(origin)),
  route(setApiKey, ({ apiKey }) => account.setApiKey(apiKey)),
  route(signOut, async ({ id }) => {
    await account.signOut(id);
    return { signedOut: true as const };
  }),
  route(switchAccount, ({ id }) => account.switchTo(id)),
];
