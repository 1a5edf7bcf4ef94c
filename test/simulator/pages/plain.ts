import { escapeHtml, platformPage } from './html';

/** §5 `/user/settings`: the classic page where Codefresh API keys are created. */
export const apiKeysPage = (): string =>
  platformPage(
    'User Settings',
    `<section aria-labelledby="api-keys">
      <h2 id="api-keys">API Keys</h2>
      <p>Create a Codefresh API key to use the CLI or other tools. Keys act as you; keep them secret.</p>
      <button type="button" disabled>Generate</button>
    </section>`,
  );

/** Any other `/2.0/...` route (§5 lists many): a page that only names itself. */
export const plainPage = (pathname: string): string =>
  platformPage('Codefresh', `<p>Page <code>${escapeHtml(pathname)}</code></p>`);
