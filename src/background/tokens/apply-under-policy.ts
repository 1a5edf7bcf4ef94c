import type { TokenService } from './token-service';

/**
 * The token flow's apply as the router calls it. Policy may forbid keeping tokens; the popup hides
 * the choice, and this holds regardless. A runtime just given a token is the one the next popup
 * offers when its page names none.
 */
export const applyUnderPolicy =
  (deps: {
    readonly apply: TokenService['apply'];
    readonly keepingAllowed: () => Promise<boolean>;
    readonly rememberLastRuntime: (runtimeName: string) => Promise<void>;
  }): TokenService['apply'] =>
  async (source, names, keep) => {
    const answer = await deps.apply(source, names, keep && (await deps.keepingAllowed()));
    const used = answer.results.find((r) => r.ok)?.runtimeName;
    if (used) await deps.rememberLastRuntime(used);
    return answer;
  };
