import { afterEach, describe, expect, it } from 'vitest';
import { lookup, setMessageSource, text } from '../../../src/shared/i18n';
import { englishGetMessage } from '../fake-i18n';

// Shared code has no browser API: the lookup it uses is whatever its context handed in.
describe('the shared message lookup', () => {
  afterEach(() => setMessageSource(englishGetMessage));

  it('asks the source it was given, with the substitutions as strings', () => {
    const asked: [string, string[]][] = [];
    setMessageSource((key, substitutions) => {
      asked.push([key, substitutions]);
      return `«${key}»`;
    });
    expect(lookup('anything', ['a', 2])).toBe('«anything»');
    expect(asked).toEqual([['anything', ['a', '2']]]);
  });

  it('shows the key while the source knows no such message', () => {
    setMessageSource(() => '');
    expect(text('gitTokenKindGitHubClassic')).toBe('gitTokenKindGitHubClassic');
  });

  it('reads the real catalogue through the source the unit setup installs', () => {
    expect(text('gitTokenKindGitHubClassic')).toBe(englishGetMessage('gitTokenKindGitHubClassic', []));
    expect(text('gitTokenKindGitHubClassic')).not.toBe('gitTokenKindGitHubClassic');
  });
});
