// The popup paints the last-known list itself (last-known.ts); with several accounts the snapshot
// holds one list per account, and only the one of the account in use may be painted.
import { describe, expect, it } from 'vitest';
import { listOfAccountInUse } from '../../../src/popup/last-known';

const lists = {
  'acc-1': { accountId: 'acc-1', runtimes: [{ name: 'production' }] },
  'acc-2': { accountId: 'acc-2', runtimes: [{ name: 'gitlab-eu' }] },
};

describe('the last-known list of the account in use', () => {
  it('is that account’s list, never the other’s', () => {
    expect(listOfAccountInUse(lists, { accountId: 'acc-2' })).toBe(lists['acc-2']);
    expect(listOfAccountInUse(lists, { accountId: 'acc-1' })).toBe(lists['acc-1']);
  });

  it('is nothing without a signed-in account, for an unknown one, or for inherited names', () => {
    expect(listOfAccountInUse(lists, undefined)).toBeNull();
    expect(listOfAccountInUse(lists, { accountId: 'acc-9' })).toBeNull();
    expect(listOfAccountInUse(lists, { accountId: 'constructor' })).toBeNull();
    expect(listOfAccountInUse(undefined, { accountId: 'acc-1' })).toBeNull();
  });
});
