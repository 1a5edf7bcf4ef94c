import { describe, expect, it } from 'vitest';
import { rotateUnderPolicy } from '../../../../src/background/expiry/rotate-under-policy';
import { isAppFailure } from '../../../../src/shared/errors';

describe('rotating under the policy (expiry feature)', () => {
  it('refuses before anything is validated or saved when tokens may not be kept', async () => {
    const asked: unknown[] = [];
    const rotate = rotateUnderPolicy(
      async (input) => {
        asked.push(input);
        return { results: [], replaced: true, newRecordId: 'r2' } as never;
      },
      async () => false,
    );
    const error = await rotate({ oldRecordId: 'r1', newToken: 'new', confirmDifferentOwner: false }).catch(
      (e: unknown) => e,
    );
    expect(isAppFailure(error) && error.appError.code).toBe('policy-no-keeping');
    expect(asked).toEqual([]);
  });

  it('rotates when keeping is allowed', async () => {
    const rotate = rotateUnderPolicy(
      async () => ({ results: [], replaced: true, newRecordId: 'r2' }) as never,
      async () => true,
    );
    await expect(
      rotate({ oldRecordId: 'r1', newToken: 'new', confirmDifferentOwner: false }),
    ).resolves.toMatchObject({
      newRecordId: 'r2',
    });
  });
});
