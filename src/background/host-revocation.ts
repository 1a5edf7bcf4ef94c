import { toHttpsOrigin } from '../shared/app-proxy-origin';

export interface HostRevocationDeps {
  readonly platform: { current(): string; isDefault(): boolean };
  /** Forgets the self-hosted platform: its API key, cached runtimes, the setting, its page script. */
  readonly leavePlatform: () => Promise<void>;
  readonly savedTokens: () => Promise<
    readonly { id: string; apiUrl: string; login: string | null; lastFour: string }[]
  >;
  readonly removeToken: (id: string) => Promise<void>;
  /** Tells the user what was forgotten and why; called once, only when something was. */
  readonly tell: (forgotten: readonly string[]) => Promise<void>;
}

/**
 * Host access withdrawn in the browser's settings: what depended on it cannot work any more, so it
 * is forgotten (the self-hosted platform and its key; saved tokens for that Git host) and the user
 * is told exactly what went. Tokens on the runtimes themselves are untouched.
 */
export const forgetRevokedHosts = async (
  deps: HostRevocationDeps,
  patterns: readonly string[],
): Promise<readonly string[]> => {
  const gone = new Set(patterns.map((p) => toHttpsOrigin(p.replace(/\/\*$/, ''))).filter(Boolean));
  const forgotten: string[] = [];
  if (!deps.platform.isDefault() && gone.has(deps.platform.current())) {
    forgotten.push(deps.platform.current());
    await deps.leavePlatform();
  }
  for (const token of await deps.savedTokens()) {
    const origin = toHttpsOrigin(token.apiUrl);
    if (origin && gone.has(origin)) {
      await deps.removeToken(token.id);
      forgotten.push(`${token.login ?? '?'} ···${token.lastFour} (${origin})`);
    }
  }
  if (forgotten.length > 0) await deps.tell(forgotten);
  return forgotten;
};
