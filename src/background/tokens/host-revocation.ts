import { toHttpsOrigin } from '../../shared/app-proxy-origin';
import { resolveGitApiUrl } from '../../shared/git-api-url';
import type { GitProvider } from '../../shared/runtime-types';
import type { HostAccessCheck } from '../network/secret-destination';

/** The origin a saved Git token is sent to (its API host), or null when its API URL is unusable. */
export const gitOriginOf = (record: { provider: GitProvider | null; apiUrl: string }): string | null => {
  if (!record.provider) return null;
  const api = resolveGitApiUrl(record.provider, record.apiUrl);
  return api.ok ? new URL(api.value.apiBase).origin : null;
};

/**
 * Each record with `needsAccess` set to the origin it is sent to when the browser no longer grants
 * it; asked live, so a grant given again in the browser's settings counts at once.
 */
export const withAccessState = async <R extends { provider: GitProvider | null; apiUrl: string }>(
  records: readonly R[],
  hasHostAccess: HostAccessCheck,
): Promise<(R & { needsAccess?: string })[]> =>
  Promise.all(
    records.map(async (record) => {
      const origin = gitOriginOf(record);
      if (!origin || (await hasHostAccess(origin).catch(() => false))) return record;
      return { ...record, needsAccess: origin };
    }),
  );

export interface HostRevocationDeps {
  readonly platform: { current(): string };
  /** Whether the API key is saved (it belongs to the current platform). */
  readonly hasApiKey: () => Promise<boolean>;
  readonly savedTokens: () => Promise<
    readonly {
      id: string;
      provider: GitProvider | null;
      apiUrl: string;
      login: string | null;
      lastFour: string;
    }[]
  >;
  /** Tells the user what now needs access again; called once, only when something does. */
  readonly tell: (needingAccess: readonly string[]) => Promise<void>;
}

/**
 * Host access withdrawn in the browser's settings (Firefox lets users switch off even the built-in
 * hosts): nothing is deleted, since the user asked for none of it. What depended on the host is
 * named so the user can allow it again or forget it from the popup; until then the worker's own
 * check (secret-destination.ts) keeps every request to that host from leaving. Whether a saved
 * token needs access is read live from `permissions.contains`, so nothing here is stored.
 */
export const noteRevokedHosts = async (
  deps: HostRevocationDeps,
  patterns: readonly string[],
): Promise<readonly string[]> => {
  const gone = new Set(patterns.map((p) => toHttpsOrigin(p.replace(/\/\*$/, ''))).filter(Boolean));
  const affected: string[] = [];
  if (gone.has(deps.platform.current()) && (await deps.hasApiKey())) {
    affected.push(deps.platform.current());
  }
  for (const token of await deps.savedTokens()) {
    const origin = gitOriginOf(token);
    if (origin && gone.has(origin)) affected.push(`${token.login ?? '?'} ···${token.lastFour} (${origin})`);
  }
  if (affected.length > 0) await deps.tell(affected);
  return affected;
};
