import { setApiKey, signOut } from '../../shared/messages/account';
import { route } from '../message-router';
import type { Services } from '../services';

export const accountRoutes = ({ account }: Services) => [
  route(setApiKey, ({ apiKey }) => account.setApiKey(apiKey)),
  route(signOut, async () => {
    await account.signOut();
    return { signedOut: true as const };
  }),
];
