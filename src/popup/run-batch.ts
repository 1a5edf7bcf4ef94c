import type { AppError, Result } from '../shared/errors';
import type { RuntimeApplyResult } from '../shared/messages/token';
import type { PopupApi } from './popup-api';
import type { PopupState, ProgressState } from './store';

/** Where a batch shows itself: apply and Replace everywhere share one lane, OAuth has its own. */
const LANES = {
  apply: { running: 'applying', progress: 'progress' },
  oauth: { running: 'authorizing', progress: 'oauthProgress' },
} as const;

export interface Batch<Answer extends { readonly results: readonly RuntimeApplyResult[] }> {
  readonly lane: keyof typeof LANES;
  /** The runtimes the batch is for, in the order their progress shows. */
  readonly names: readonly string[];
  /** Asked for before the runtimes' app-proxies (the Git host a new token is checked against). */
  readonly alsoAsk?: readonly string[];
  /**
   * What a refused prompt means. By default each runtime whose app-proxy was refused gets a failed
   * result and the others go ahead; `stopWith` sends nothing and shows its error instead.
   */
  readonly stopWith?: (origins: readonly string[]) => AppError;
  readonly announcement: string;
  /** State cleared as the batch starts, besides the lane's progress and the last error. */
  readonly clear: Partial<PopupState>;
  send(sendable: string[]): Promise<Result<Answer>>;
  /** State set beside the error when the worker refuses the whole batch. */
  onError?(error: AppError): Partial<PopupState>;
}

export interface BatchContext {
  readonly api: Pick<PopupApi, 'requestHostAccess'>;
  readonly text: (key: string, subs?: string | string[]) => string;
  get(): PopupState;
  set(partial: Partial<PopupState>): void;
}

/**
 * The shape every batch in the popup shares: ask for the host access still missing first thing in
 * the click (the worker cannot prompt), show every runtime as pending, send what may be sent, and
 * hand back one result per runtime, refused ones included. Null when nothing came of it: the prompt
 * stopped it, or the worker refused the whole batch (its error is then shown). The caller sets the
 * outcome and ends the lane's running flag.
 */
export const runBatch = async <Answer extends { readonly results: readonly RuntimeApplyResult[] }>(
  { api, text, get, set }: BatchContext,
  batch: Batch<Answer>,
): Promise<{ readonly answer: Answer | null; readonly results: RuntimeApplyResult[] } | null> => {
  const lane = LANES[batch.lane];
  const byName = new Map(get().runtimes.map((r) => [r.name, r]));
  const missing = batch.names.flatMap((name) => {
    const runtime = byName.get(name);
    return runtime?.hostAccess === 'missing' && runtime.appProxyOrigin
      ? [{ name, origin: runtime.appProxyOrigin }]
      : [];
  });
  const wanted = [...(batch.alsoAsk ?? []), ...missing.map((m) => m.origin)];
  // No await before this: the prompt only shows while the click's user activation lasts.
  const granted = await api.requestHostAccess(wanted);
  if (!granted && batch.stopWith) {
    set({ error: batch.stopWith(wanted) });
    return null;
  }
  const refused = granted ? [] : missing.map((m) => m.name);
  const sendable = batch.names.filter((n) => !refused.includes(n));

  const pending: Record<string, ProgressState> = Object.fromEntries(batch.names.map((n) => [n, 'pending']));
  set({
    ...batch.clear,
    [lane.running]: true,
    [lane.progress]: pending,
    error: null,
    announcement: batch.announcement,
  });
  // Sent unless every runtime was refused (Replace everywhere also sends for a token no runtime uses).
  const answer = sendable.length === 0 && batch.names.length > 0 ? null : await batch.send(sendable);
  if (answer && !answer.ok) {
    set({
      [lane.running]: false,
      [lane.progress]: {},
      error: answer.error,
      announcement: answer.error.message,
      ...batch.onError?.(answer.error),
    });
    return null;
  }
  const refusedResults: RuntimeApplyResult[] = refused.map((runtimeName) => ({
    runtimeName,
    ok: false,
    error: { code: 'host-access-refused', message: text('hostAccessRefused', runtimeName) },
  }));
  return {
    answer: answer?.value ?? null,
    results: [...(answer?.value.results ?? []), ...refusedResults],
  };
};
