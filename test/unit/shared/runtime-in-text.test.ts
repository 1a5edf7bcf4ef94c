import { describe, expect, it } from 'vitest';
import {
  MAX_ROW_TEXT,
  MAX_ROWS,
  runtimeNamedBy,
  runtimesNamedByRows,
} from '../../../src/shared/runtime-in-text';

const NAMES = ['production', 'staging', 'prod', 'prod-eu', 'eu', 'gitops.v2', 'edge'];

describe('runtimeNamedBy', () => {
  it.each([
    ['production ••••••••X020 +Add Token Delete Token', 'production'],
    ['staging +Add Token', 'staging'],
    ['prod (hosted) Helm prod-eks', 'prod'],
    ['Runtime prod.', 'prod'],
    ['gitops.v2 ••••1234', 'gitops.v2'],
    ['  edge\tHelm  ', 'edge'],
  ])('finds the whole-word name in %j', (text, name) => {
    expect(runtimeNamedBy(text, NAMES)).toBe(name);
  });

  it.each([
    ['preproduction +Add Token', 'inside a longer word'],
    ['staging-old +Add Token', 'followed by a hyphenated part'],
    ['old_staging', 'after an underscore'],
    ['64f0acc0000acme-staging.tunnels.cf-cd.com', 'inside a host name'],
    ['production.example.com', 'as the first label of a host'],
    ['Production', 'in another case'],
    ['+Add Token Delete Token', 'when the row names no runtime'],
    ['', 'in empty text'],
  ])('finds nothing %s (%j)', (text) => {
    expect(runtimeNamedBy(text, NAMES)).toBeNull();
  });

  it('lets the longest match win: prod-eu is not also prod or eu', () => {
    expect(runtimeNamedBy('prod-eu ••••a1b2', NAMES)).toBe('prod-eu');
    // Without the longer name known, neither part counts: a hyphen continues a name.
    expect(runtimeNamedBy('prod-eu ••••a1b2', ['prod', 'eu'])).toBeNull();
  });

  it('lets a longer name that contains separators win over a shorter name inside it', () => {
    expect(runtimeNamedBy('team a us-east (hosted)', ['us-east', 'team a us-east'])).toBe('team a us-east');
  });

  it('names nothing when the text names two runtimes (ambiguous), but one name twice is fine', () => {
    expect(runtimeNamedBy('production staging', NAMES)).toBeNull();
    expect(runtimeNamedBy('staging · copy of staging', NAMES)).toBe('staging');
  });

  it('treats regular-expression characters in names literally', () => {
    expect(runtimeNamedBy('a+b ••••', ['a+b', 'a.b'])).toBe('a+b');
    expect(runtimeNamedBy('axb ••••', ['a.b'])).toBeNull();
  });

  it('names nothing for text over the cap', () => {
    const row = `production ${'x'.repeat(MAX_ROW_TEXT)}`;
    expect(runtimeNamedBy(row.slice(0, MAX_ROW_TEXT), NAMES)).toBe('production');
    expect(runtimeNamedBy(row, NAMES)).toBeNull();
  });
});

describe('runtimesNamedByRows', () => {
  it('collects each row’s runtime once, skipping rows that name none or several', () => {
    expect(
      runtimesNamedByRows(
        ['Name Token', 'production ••••X020', 'staging +Add Token', 'production', 'prod staging', 'qa'],
        NAMES,
      ),
    ).toEqual(['production', 'staging']);
  });

  it(`reads at most ${MAX_ROWS} rows`, () => {
    const rows = [...Array(MAX_ROWS).fill('nothing here'), 'edge'];
    expect(runtimesNamedByRows(rows, NAMES)).toEqual([]);
    expect(runtimesNamedByRows(rows.slice(1), NAMES)).toEqual(['edge']);
  });
});
