import type { SeedRuntime } from '../seed';
import { escapeHtml, platformPage } from './html';

/** §5 `/2.0/account-settings/runtimes`: the GitOps Runtimes list, with `cf runtime list`'s columns (§3a). */
export const runtimesPage = (runtimes: readonly SeedRuntime[]): string => {
  const cell = (value: string | null) =>
    `<td><div class="cell"><span>${escapeHtml(value ?? '')}</span></div></td>`;
  const rows = runtimes
    .map(
      (r) =>
        `<tr>${cell(r.managed ? `${r.name} (hosted)` : r.name)}${cell(r.installationType)}${cell(r.cluster)}${cell(
          r.runtimeVersion,
        )}${cell(r.syncStatus)}${cell(r.healthStatus)}${cell(r.installationStatus)}${cell(r.ingressHost)}</tr>`,
    )
    .join('\n');
  return platformPage(
    'GitOps Runtimes',
    `<table class="cf-table">
      <thead><tr><th>Name</th><th>Type</th><th>Cluster</th><th>Version</th><th>Sync</th><th>Health</th><th>Installation</th><th>Ingress host</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>`,
  );
};
