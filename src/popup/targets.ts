import type { RuntimeView } from '../shared/runtime-types';
import type { TokenValidation } from '../shared/validation-types';

export type TargetPreset = 'focused' | 'missing' | 'invalid' | 'none';

/** A token only fits runtimes whose integration uses the same Git API it was validated against. */
export const fitsToken = (runtime: RuntimeView, validation: TokenValidation | null): boolean =>
  !validation ||
  (runtime.gitProvider === validation.provider &&
    (runtime.gitApiUrl ?? '').replace(/\/+$/, '') === validation.apiUrl.replace(/\/+$/, ''));

/** Runtimes the extension can act on now: installed, with an app-proxy host. */
export const isActionable = (runtime: RuntimeView): boolean =>
  runtime.installationStatus === 'COMPLETED' &&
  runtime.appProxyOrigin !== null &&
  !(
    runtime.token.kind === 'unknown' &&
    (runtime.token.reason === 'not-installed' || runtime.token.reason === 'no-host')
  );

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
