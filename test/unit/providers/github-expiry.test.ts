import { describe, expect, it } from 'vitest';
import { parseGitHubExpiry } from '../../../src/providers/github/expiry';

describe('parseGitHubExpiry (docs/git-provider-contracts.md §2.2, GH1/GH2)', () => {
  it.each([
    ['2026-06-03 19:52:44 UTC', '2026-06-03T19:52:44.000Z'],
    ['2027-03-31 00:00:00 +0900', '2027-03-30T15:00:00.000Z'],
    ['2027-03-30 15:00:00 UTC', '2027-03-30T15:00:00.000Z'],
    ['2026-01-01 00:00:00 -0530', '2026-01-01T05:30:00.000Z'],
    ['2026-01-01 00:00:00 +05:30', '2025-12-31T18:30:00.000Z'],
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['  2026-06-03 19:52:44 UTC  ', '2026-06-03T19:52:44.000Z'],
  ])('%j → %s', (header, iso) => {
    expect(parseGitHubExpiry(header)).toBe(iso);
  });

  it('gives the same instant for both formats of the same UTC time (§13.1 idea 4)', () => {
    expect(parseGitHubExpiry('2027-03-31 00:00:00 +0900')).toBe(parseGitHubExpiry('2027-03-30 15:00:00 UTC'));
  });

  it.each([
    '',
    'tomorrow',
    '2026-13-01 00:00:00 UTC',
    '2026-06-03 25:00:00 UTC',
    '2026-06-03 19:52 UTC',
    '2026-06-03 19:52:44 PST',
  ])('rejects %j', (header) => {
    expect(parseGitHubExpiry(header)).toBeNull();
  });
});
