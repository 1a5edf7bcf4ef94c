import { escapeHtml } from './html';

/** §5: a runtime host serves `/workflows/` (Argo Workflows UI); this stand-in names the runtime. */
export const workflowsPage = (runtimeName: string): string => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Argo Workflows: ${escapeHtml(runtimeName)}</title></head>
<body>
<main>
  <h1>Argo Workflows</h1>
  <p>Runtime <strong>${escapeHtml(runtimeName)}</strong></p>
</main>
</body>
</html>
`;
