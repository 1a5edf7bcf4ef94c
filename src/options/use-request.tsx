import { useState } from 'preact/hooks';
import type { AppError, Result } from '../shared/errors';
import type { WorkerClient } from '../shared/messages/client';
import type { AnyMessageSpec, PayloadOf, ResponseOf } from '../shared/messages/define';
import { askWorker } from '../ui/worker-client';

/** What the last request of a section came to: a sentence to confirm it, or the worker's error. */
export type Outcome =
  | { readonly ok: true; readonly text: string | null }
  | { readonly ok: false; readonly error: AppError };

/**
 * "Send this message, show the outcome", the one way every options section talks to the worker:
 * `busy` while it runs, then `outcome` for `<OutcomeLine>`. `send` hands the answer back, so the
 * section can clear its fields or reload on success. `fail` shows an error found before sending
 * (a refused host-access prompt, an address that does not parse).
 */
export const useRequest = (ask: WorkerClient = askWorker) => {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async <S extends AnyMessageSpec>(
    spec: S,
    payload: PayloadOf<S>,
    /** The confirmation shown on success; none when the section's own content shows the change. */
    confirmation: string | null = null,
  ): Promise<Result<ResponseOf<S>>> => {
    setBusy(true);
    setOutcome(null);
    const answer = await ask(spec, payload);
    setBusy(false);
    setOutcome(answer.ok ? { ok: true, text: confirmation } : { ok: false, error: answer.error });
    return answer;
  };

  return { busy, outcome, send, fail: (error: AppError) => setOutcome({ ok: false, error }) };
};

/** The outcome as a polite status line or an alert, where the section shows it. */
export const OutcomeLine = ({ outcome }: { outcome: Outcome | null }) => {
  if (outcome === null) return null;
  if (!outcome.ok) return <p role="alert">{outcome.error.message}</p>;
  return outcome.text === null ? null : <p role="status">{outcome.text}</p>;
};
