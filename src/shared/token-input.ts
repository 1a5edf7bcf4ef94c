import { fail, ok, type Result } from './errors';
import { text } from './i18n';

/**
 * Hygiene for pasted token text, applied before classification and before any request.
 * Real tokens are printable ASCII without spaces and well under 300 characters (GitHub says to
 * plan for 255, docs/git-provider-contracts.md §2.1); anything else is a paste mistake worth a clear message,
 * not a round trip that counts as a failed login (§0.2 rule 4). Messages never quote the input.
 */
export const MAX_TOKEN_BYTES = 1024;

export type TokenInputErrorCode =
  | 'token-input-empty'
  | 'token-input-too-long'
  | 'token-input-multiline'
  | 'token-input-non-printable'
  | 'token-input-whitespace';

const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;
const INNER_SPACE = /[ \t]/;
// Printable ASCII without space: every provider's token alphabet fits in it (§2.1, §5.1, §6.1).
const PRINTABLE = /^[\x21-\x7e]*$/;

export const cleanTokenInput = (raw: string): Result<string> => {
  // String.prototype.trim also strips a BOM and non-breaking spaces a page may add around a copy.
  const token = raw.trim();
  if (token === '') {
    return fail('token-input-empty', text('gitTokenInputEmpty'));
  }
  if (new TextEncoder().encode(token).length > MAX_TOKEN_BYTES) {
    return fail('token-input-too-long', text('gitTokenInputTooLong', [MAX_TOKEN_BYTES]));
  }
  if (LINE_BREAK.test(token)) {
    return fail('token-input-multiline', text('gitTokenInputMultiline'));
  }
  if (INNER_SPACE.test(token)) {
    return fail('token-input-whitespace', text('gitTokenInputWhitespace'));
  }
  if (!PRINTABLE.test(token)) {
    return fail('token-input-non-printable', text('gitTokenInputNonPrintable'));
  }
  return ok(token);
};
