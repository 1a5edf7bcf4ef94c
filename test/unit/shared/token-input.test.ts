import { describe, expect, it } from 'vitest';
import { cleanTokenInput, MAX_TOKEN_BYTES } from '../../../src/shared/token-input';

const token = 'ghp_SIMLEAKCAT9AG498DYt5BL5gHCQRgI0QX020';

describe('cleanTokenInput', () => {
  it.each([
    ['plain', token],
    ['surrounding spaces', `  ${token}  `],
    ['trailing newline from a copy', `${token}\n`],
    ['CRLF and tabs around', `\t\r\n${token}\r\n`],
    ['BOM and no-break space around', `\uFEFF\u00A0${token}\u00A0`],
  ])('accepts %s and returns the trimmed token', (_name, raw) => {
    expect(cleanTokenInput(raw)).toEqual({ ok: true, value: token });
  });

  it.each([
    ['empty', '', 'token-input-empty'],
    ['only whitespace', ' \n\t ', 'token-input-empty'],
    ['two lines', `${token}\n${token}`, 'token-input-multiline'],
    ['a pasted env file', `GITHUB_TOKEN=${token}\r\nOTHER=1`, 'token-input-multiline'],
    ['unicode line separator', `${token}\u2028x`, 'token-input-multiline'],
    ['a "Bearer" label', `Bearer ${token}`, 'token-input-whitespace'],
    ['an inner tab', `ghp_abc\tdef`, 'token-input-whitespace'],
    ['a zero-width space', `ghp_abc\u200Bdef`, 'token-input-non-printable'],
    ['a control character', `ghp_abc\u0007def`, 'token-input-non-printable'],
    ['non-ASCII letters', 'ghp_abcédef', 'token-input-non-printable'],
    ['over 1 KB', 'a'.repeat(MAX_TOKEN_BYTES + 1), 'token-input-too-long'],
  ])('refuses %s with %s and never quotes the input', (_name, raw, code) => {
    const result = cleanTokenInput(raw);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
    if (raw.trim() !== '') expect(result.error.message).not.toContain(raw.trim().slice(0, 12));
  });

  it('accepts exactly 1 KB', () => {
    expect(cleanTokenInput('a'.repeat(MAX_TOKEN_BYTES)).ok).toBe(true);
  });
});
