import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CatalogueEntry {
  readonly message: string;
  readonly placeholders?: Record<string, { readonly content: string }>;
}

const catalogue = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, CatalogueEntry>;

/**
 * `i18n.getMessage` over the real English catalogue, with Chromium's rules: `$NAME$` takes its
 * placeholder's content, `$1`…`$9` in that content take the substitutions, `$$` is a dollar sign,
 * an unknown name gives ''. Stricter than Chromium on purpose: a substitution that no placeholder
 * uses, or a placeholder with no substitution, throws, so a caller passing the wrong number of
 * values fails its unit test instead of showing a sentence with a hole.
 */
export const englishGetMessage = (name: string, substitutions?: string | (string | number)[]): string => {
  const entry = catalogue[name];
  if (!entry) return '';
  const subs = (
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions]
  ).map(String);
  const used = new Set<number>();
  const fill = (content: string) =>
    content.replace(/\$(\d)/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      const value = subs[index];
      if (value === undefined) throw new Error(`getMessage('${name}'): no substitution for $${digit}`);
      used.add(index);
      return value;
    });
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([key, p]) => [key.toLowerCase(), p.content]),
  );
  const filled = entry.message.replace(/\$\$|\$([A-Za-z0-9_]+)\$/g, (match, placeholder?: string) => {
    if (match === '$$') return '$';
    const content = placeholders[placeholder!.toLowerCase()];
    if (content === undefined) throw new Error(`getMessage('${name}'): unknown placeholder ${match}`);
    return fill(content);
  });
  if (used.size !== subs.length)
    throw new Error(`getMessage('${name}'): ${subs.length} substitutions given, ${used.size} used`);
  return filled;
};
