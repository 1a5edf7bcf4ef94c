import { canSelfRotate } from '../../providers/gitlab/self-rotate';
import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import {
  AUTO_ROTATE_DAYS_MAX,
  AUTO_ROTATE_DAYS_MIN,
  type RotationAnswer,
} from '../../shared/messages/rotation';
import type { PeriodicAlarms } from '../browser/periodic-alarms';
import { readStored, STORED, writeStored } from '../storage/storage-keys';
import type { ListedRecord } from '../vault/vault-types';
import type { RotationStorage } from './rotation-store';

/** Checked a few times a day: alarms outlive the sleeping worker, and a day's precision is enough. */
export const AUTO_ROTATION_ALARM = 'rotation-auto';
export const AUTO_ROTATION_PERIOD_MINUTES = 360;
const DAY_MS = 86_400_000;

interface AutoState {
  /** Saved token id → days before expiry. Absent: off (the default). */
  readonly days: Record<string, number>;
  /** Saved token id → when it was last tried, so a refusal is told once a day, not every check. */
  readonly tried: Record<string, number>;
}

export interface AutoRotationDeps {
  readonly storage: RotationStorage;
  readonly alarms: PeriodicAlarms;
  listTokens(): Promise<readonly ListedRecord[]>;
  rotate(recordId: string): Promise<RotationAnswer>;
  /** One notification with the outcome; never the token. */
  notify(title: string, message: string): Promise<void>;
  readonly now?: () => number;
}

const numbers = (value: unknown): Record<string, number> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(
        Object.entries(value).filter(
          (e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]),
        ),
      )
    : {};

/**
 * Rotates a saved GitLab token by itself N days before it expires, where the user turned that on
 * for the token (off by default). Each attempt ends in a notification saying what happened.
 */
export const createAutoRotation = (deps: AutoRotationDeps) => {
  const now = deps.now ?? Date.now;
  const read = async (): Promise<AutoState> => {
    const raw = await readStored(deps.storage, STORED.autoRotation);
    return { days: numbers(raw?.days), tried: numbers(raw?.tried) };
  };
  const write = (state: AutoState) => writeStored(deps.storage, STORED.autoRotation, { ...state });

  const due = (record: ListedRecord, days: number, at: number) =>
    record.expiresAt !== null &&
    Date.parse(record.expiresAt) - at <= days * DAY_MS &&
    Date.parse(record.expiresAt) > at;

  const who = (record: ListedRecord) => record.login ?? `…${record.lastFour}`;

  const tell = async (record: ListedRecord, answer: RotationAnswer | null, error: unknown) => {
    if (answer && !answer.pending && !answer.keepError) {
      const until = answer.expiresAt.slice(0, 10);
      await deps.notify(
        text('autoRotationDoneTitle'),
        text('autoRotationDone', [who(record), until, record.runtimes.length]),
      );
      return;
    }
    const why = answer
      ? (answer.keepError?.message ??
        answer.results.flatMap((r) => (r.ok ? [] : [`${r.runtimeName}: ${r.error.message}`])).join(' '))
      : error instanceof AppFailure
        ? error.appError.message
        : text('runtimeUnexpectedError');
    await deps.notify(text('autoRotationFailedTitle'), text('autoRotationFailed', [who(record), why]));
  };

  return {
    async ensureScheduled(): Promise<void> {
      if (await deps.alarms.get(AUTO_ROTATION_ALARM)) return;
      await deps.alarms.create(AUTO_ROTATION_ALARM, {
        periodInMinutes: AUTO_ROTATION_PERIOD_MINUTES,
        delayInMinutes: 1,
      });
    },

    days: async (): Promise<Readonly<Record<string, number>>> => (await read()).days,

    async set(recordId: string, days: number | null): Promise<Readonly<Record<string, number>>> {
      if (
        days !== null &&
        (!Number.isInteger(days) || days < AUTO_ROTATE_DAYS_MIN || days > AUTO_ROTATE_DAYS_MAX)
      ) {
        throw new AppFailure(
          'auto-rotation-invalid',
          text('autoRotationDaysInvalid', [AUTO_ROTATE_DAYS_MIN, AUTO_ROTATE_DAYS_MAX]),
        );
      }
      const state = await read();
      const next = { ...state.days };
      if (days === null) delete next[recordId];
      else next[recordId] = days;
      await write({ days: next, tried: state.tried });
      return next;
    },

    /** Rotates every due token once a day at most; each attempt is told by notification. */
    async check(): Promise<void> {
      const at = now();
      const state = await read();
      const tokens = await deps.listTokens();
      const tried = { ...state.tried };
      for (const record of tokens) {
        const days = state.days[record.id];
        if (days === undefined || record.unreadable || !canSelfRotate(record.scopes)) continue;
        if (!due(record, days, at) || at - (tried[record.id] ?? 0) < DAY_MS) continue;
        tried[record.id] = at;
        await write({ days: state.days, tried });
        const answer = await deps.rotate(record.id).catch(async (error: unknown) => {
          await tell(record, null, error).catch(() => {});
          return null;
        });
        if (answer) await tell(record, answer, null).catch(() => {});
      }
      // Tokens removed since are forgotten here.
      const live = new Set(tokens.map((t) => t.id));
      const keep = (m: Record<string, number>) =>
        Object.fromEntries(Object.entries(m).filter(([id]) => live.has(id)));
      await write({ days: keep(state.days), tried: keep(tried) });
    },
  };
};

export type AutoRotation = ReturnType<typeof createAutoRotation>;
