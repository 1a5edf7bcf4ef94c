import { AppFailure } from '../../shared/errors';
import { text } from '../../shared/i18n';
import type { ReplaceEverywhere } from './replace-everywhere';

/** Rotation saves the new token; a policy that forbids keeping tokens forbids it first. */
export const rotateUnderPolicy =
  (
    rotate: ReplaceEverywhere['rotate'],
    keepingAllowed: () => Promise<boolean>,
  ): ReplaceEverywhere['rotate'] =>
  async (input) => {
    if (!(await keepingAllowed())) throw new AppFailure('policy-no-keeping', text('keepNotAllowed'));
    return rotate(input);
  };
