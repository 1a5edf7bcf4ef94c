/**
 * Text a server sent, made safe to show and to paste into a support ticket: every secret we hold
 * (the API key, the token being sent) and anything shaped like one is replaced by `…`, control
 * characters and runs of whitespace become one space, and it is cut to about one short paragraph.
 * Pure, so the worker, the pages and the diagnostics report use the same rules.
 */
export const MAX_SERVER_TEXT = 300;

/**
 * Shapes redacted even when we were not told about the secret: provider tokens (GitHub classic and
 * fine-grained, GitLab, Bitbucket API tokens and app passwords), Codefresh API keys
 * (`<24 hex>.<secret>`, docs/platform-contract.md §2), JWTs and credentials after an auth scheme.
 */
/** A credential header quoted back (`Cookie: a=b; c=d`, `x-access-token: …`): the name stays, the value goes. */
const CREDENTIAL_HEADER =
  /\b(cookie|set-cookie|x-access-token|authorization|private-token)(\s*[:=]\s*)[^\r\n]*/gi;

const TOKEN_SHAPES: readonly RegExp[] = [
  /\b(?:gh[pousr]_|github_pat_|gl[a-z]{2,6}-|ATBB|ATATT|ATCTT)[A-Za-z0-9_=-]{8,}/g,
  /\b[0-9a-f]{24}\.[A-Za-z0-9_-]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * A long run of key-like characters (Bitbucket Data Center's base64 tokens have `/` and `+`) is
 * redacted when it mixes digits with upper- and lower-case letters, which a path or a word does not.
 */
const OPAQUE_RUN = /[A-Za-z0-9+/=_-]{32,}/g;
const looksRandom = (run: string) => /\d/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run);

/** Shorter than this, a "secret" is too short to search for without cutting ordinary words. */
const MIN_SECRET_LENGTH = 4;

export const redactServerText = (
  raw: string,
  secrets: readonly string[] = [],
  max = MAX_SERVER_TEXT,
): string => {
  let clean = raw;
  // Longest first, so a secret that contains another is removed whole.
  const known = [...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const secret of known) clean = clean.split(secret).join('…');
  clean = clean.replace(
    CREDENTIAL_HEADER,
    (_match, name: string, separator: string) => `${name}${separator}…`,
  );
  for (const shape of TOKEN_SHAPES) {
    clean = clean.replace(shape, (_match, scheme?: string) =>
      typeof scheme === 'string' && /^(Bearer|Basic|token)$/i.test(scheme) ? `${scheme} …` : '…',
    );
  }
  clean = clean.replace(OPAQUE_RUN, (run) => (looksRandom(run) ? '…' : run));
  clean = clean
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};
