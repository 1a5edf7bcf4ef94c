import type { RuntimeView } from '../shared/runtime-types';
import { canTakeTokenNow, tokenFitsRuntime } from '../shared/token-fit';
import type { TokenValidation } from '../shared/validation-types';

export type TargetPreset = 'focused' | 'missing' | 'invalid' | 'none';

/** A token only fits runtimes whose integration uses the same Git API it was validated against. */
export const fitsToken = (runtime: RuntimeView, validation: TokenValidation | null): boolean =>
  !validation || tokenFitsRuntime(validation, runtime);

/** Runtimes the extension can act on now (the one rule in shared/token-fit.ts). */
export const isActionable = canTakeTokenNow;

export const selectTargets = (
  runtimes: readonly RuntimeView[],
  preset: TargetPreset,
  focused: string | null,
  validation: TokenValidation | null,
): string[] => {
  const candidates = runtimes.filter((r) => isActionable(r) && fitsToken(r, validation));
  switch (preset) {
    case 'focused':
      return focused ? [focused] : [];
    case 'missing':
      return candidates.filter((r) => r.token.kind === 'none').map((r) => r.name);
    case 'invalid':
      return candidates.filter((r) => r.token.kind === 'invalid').map((r) => r.name);
    case 'none':
      return [];
  }
};
