import { describe, expect, it } from 'vitest';
import { applyUnderPolicy } from '../../../../src/background/tokens/apply-under-policy';
import type { ApplyAnswer } from '../../../../src/shared/messages/token';

describe('applying a token under the policy (tokens feature)', () => {
  const answer: ApplyAnswer = {
    results: [
      { runtimeName: 'qa', ok: false, error: { code: 'x', message: 'no' } },
      { runtimeName: 'prod', ok: true, validation: {} as never },
    ] as never,
    recordId: null,
  };
  const applying = (keepingAllowed: boolean) => {
    const asked: unknown[][] = [];
    const remembered: string[] = [];
    const apply = applyUnderPolicy({
      apply: async (...args) => {
        asked.push(args);
        return answer;
      },
      keepingAllowed: async () => keepingAllowed,
      rememberLastRuntime: async (name) => {
        remembered.push(name);
      },
    });
    return { apply, asked, remembered };
  };

  it('does not keep the token when the policy forbids keeping, whatever the page asked', async () => {
    const { apply, asked } = applying(false);
    await apply({ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], true);
    expect(asked).toEqual([[{ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], false]]);
  });

  it('keeps it when asked and allowed, and remembers the first runtime that took it', async () => {
    const { apply, asked, remembered } = applying(true);
    expect(await apply({ kind: 'draft', draftId: 'd1' }, ['qa', 'prod'], true)).toBe(answer);
    expect(asked[0]?.[2]).toBe(true);
    expect(remembered).toEqual(['prod']);
  });
});
