import { t } from '../ui/i18n';

const DAY_MS = 24 * 60 * 60 * 1000;

/** "in 12 days (2026-12-07)", "expired 3 days ago", "never", or "unknown". */
export const formatExpiry = (expiresAt: string | null, known = true, now = Date.now()): string => {
  if (!known) return t('unknown');
  if (!expiresAt) return t('expiresNever');
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return t('unknown');
  const date = new Date(at).toISOString().slice(0, 10);
  const days = Math.round((at - now) / DAY_MS);
  if (at <= now) return t('expiredAgo', [String(Math.max(0, -days)), date]);
  return t('expiresIn', [String(days), date]);
};
