import type { TokenValidation } from '../../shared/validation-types';

/**
 * Tokens the user pasted and we validated, held in worker memory only, so the popup can send the
 * token once and refer to it by id. They expire quickly; a worker restart drops them all, which the
 * popup reports as "paste the token again". Nothing here is ever persisted.
 */
export const DRAFT_TTL_MS = 10 * 60 * 1000;

interface Draft {
  readonly token: string;
  readonly username: string | undefined;
  readonly validation: TokenValidation;
  readonly expiresAt: number;
}

export interface DraftStore {
  put(token: string, username: string | undefined, validation: TokenValidation): string;
  /** Gives the draft to `fn` while it is alive; undefined when it expired or never existed. */
  get(id: string): Omit<Draft, 'expiresAt'> | undefined;
  discard(id: string): boolean;
  clear(): void;
}

export const createDraftStore = (now: () => number = Date.now): DraftStore => {
  const drafts = new Map<string, Draft>();
  const sweep = () => {
    const t = now();
    for (const [id, draft] of drafts) if (draft.expiresAt <= t) drafts.delete(id);
  };
  return {
    put(token, username, validation) {
      sweep();
      const id = crypto.randomUUID();
      drafts.set(id, { token, username, validation, expiresAt: now() + DRAFT_TTL_MS });
      return id;
    },
    get(id) {
      sweep();
      return drafts.get(id);
    },
    discard: (id) => drafts.delete(id),
    clear: () => drafts.clear(),
  };
};
