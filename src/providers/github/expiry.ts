/**
 * `GitHub-Authentication-Token-Expiration` comes as `YYYY-MM-DD HH:MM:SS UTC` or
 * `YYYY-MM-DD HH:MM:SS ±HHMM` (docs/git-provider-contracts.md §2.2; WebKit#53897, go-github#2650). Parsed by
 * hand rather than through `Date` so every engine agrees (Safari rejects the space, refined-github#9048).
 * Returns an ISO-8601 instant, or null when the value matches neither format.
 */
const FORMAT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})\s*(UTC|Z|[+-]\d{2}:?\d{2})$/i;

export const parseGitHubExpiry = (value: string): string | null => {
  const m = FORMAT.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    Number(d) < 1 ||
    Number(d) > 31 ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (!/^(UTC|Z)$/i.test(zone)) {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc).toISOString();
};
