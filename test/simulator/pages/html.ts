/** Shared bits of the fake web UI's pages: escaping and the page frame. */

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON for a `<script>` element: `<` escaped so no value can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0; color: #1c2430; }
  header.app-header { display: flex; gap: 16px; align-items: center; padding: 8px 16px; background: #0b1f33; color: #fff; }
  header.app-header a { color: #cfe3ff; text-decoration: none; }
  main { padding: 16px 24px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e3e8ef; vertical-align: middle; }
  .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; background: #fde8e8; color: #9b1c1c; }
  .cf-grid .grid-row { display: grid; grid-template-columns: 1fr 2fr; }
  [role="columnheader"], [role="gridcell"] { padding: 8px; border-bottom: 1px solid #e3e8ef; }
  [role="columnheader"] { font-weight: bold; }
  .masked { font-family: ui-monospace, monospace; }
  .row-error { color: #9b1c1c; font-size: 12px; }
`;

/** The frame every platform page shares: a top bar with the 2.0 navigation and a main area. */
export const platformPage = (title: string, body: string, script = ''): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} | Codefresh</title>
<style>${STYLE}</style>
</head>
<body>
<div id="root">
  <header class="app-header">
    <span class="logo">codefresh</span>
    <nav aria-label="Main">
      <a href="/2.0/applications-dashboard/list">Applications</a>
      <a href="/2.0/account-settings/runtimes">GitOps Runtimes</a>
      <a href="/2.0/user-settings">User Settings</a>
    </nav>
  </header>
  <main>
    <h1>${escapeHtml(title)}</h1>
    ${body}
  </main>
</div>
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
