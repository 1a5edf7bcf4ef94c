import { setApiKey, signOut, switchAccount } from '../../shared/messages/account';
import { setPlatform } from '../../shared/messages/platform';
import { getStatus, type SignedInUser, type StatusView } from '../../shared/messages/status';
import { routesOf } from '../messaging/message-router';

/** What the account, platform and status messages ask of the worker. */
export interface AccountService {
  setApiKey(apiKey: string): Promise<SignedInUser>;
  /**
   * Forgets one account (default: the one in use); the next signed-in one may take its place.
   * `every`: every account on the platform in use.
   */
  signOut(recordId?: string, every?: boolean): Promise<void>;
  /** Puts the account whose API key is the vault record `recordId` in use. */
  switchTo(recordId: string): Promise<SignedInUser>;
}

export interface PlatformService {
  set(origin: string | null): Promise<{ platformOrigin: string }>;
}

export const accountMessages = [getStatus, setPlatform, setApiKey, signOut, switchAccount] as const;

export const accountRoutes = (deps: {
  readonly status: () => Promise<StatusView>;
  readonly account: AccountService;
  readonly platform: PlatformService;
}) => {
  const { account, platform } = deps;
  return routesOf(accountMessages, {
    [getStatus.type]: () => deps.status(),
    [setPlatform.type]: ({ origin }) => platform.set(origin),
    [setApiKey.type]: ({ apiKey }) => account.setApiKey(apiKey),
    [signOut.type]: async ({ id, every }) => {
      await account.signOut(id, every === true);
      return { signedOut: true as const };
    },
    [switchAccount.type]: ({ id }) => account.switchTo(id),
  });
};
