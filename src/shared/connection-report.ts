import type { AppProxyHostSource } from './app-proxy-origin';
import type { MessageKey } from './i18n';
import type { ConnectionReport } from './messages/diagnostics';
import { redactServerText } from './redact';

/** The lookup of the context that formats (`t` in pages, `text` in the worker). */
export type Say = (key: MessageKey, substitutions?: readonly (string | number)[]) => string;

const SOURCE: Record<AppProxyHostSource, MessageKey> = {
  override: 'hostSource_override',
  'internal-ingress': 'hostSource_internal_ingress',
  ingress: 'hostSource_ingress',
};

/** Long enough for our longest sentence with a server reason in it; each line is still redacted. */
const MAX_LINE = 1_000;

/**
 * Check connection's findings as plain text a user can paste into a support ticket. Everything in
 * it is a host, a status, a time, our explanation or the server's redacted reason; every line goes
 * through the same redaction again, so a secret the worker missed is still cut out here.
 */
export const formatConnectionReport = (report: ConnectionReport, say: Say): string => {
  const none = say('reportNone');
  const lines = [
    say('reportTitle', [report.runtimeName]),
    say('reportChecked', [report.checkedAt, report.extensionVersion, report.platformHost]),
    say('reportHosts', [
      report.hosts.override ?? none,
      report.hosts.internalIngressHost ?? none,
      report.hosts.ingressHost ?? none,
    ]),
    report.chosen
      ? say('reportHostUsed', [report.chosen.origin, say(SOURCE[report.chosen.source])])
      : say('reportNoHost'),
  ];
  if (report.notRun) lines.push(say('reportNotRun', [report.notRun]));
  for (const step of report.steps) {
    const request = step.step === 'readyz' ? `GET ${step.path}` : `POST ${step.path} (gitIntegration)`;
    lines.push(
      say(step.ok ? 'reportStepOk' : 'reportStepFailed', [
        request,
        step.status === null ? say('reportNoAnswer') : step.status,
        step.ms,
      ]),
    );
    if (step.code) lines.push(`  ${say('reportCode', [step.code])}`);
    if (step.message) lines.push(`  ${step.message}`);
    if (step.reason) lines.push(`  ${say('reportReason', [step.reason])}`);
  }
  return lines
    .map((line) => (line.startsWith('  ') ? '  ' : '') + redactServerText(line, [], MAX_LINE))
    .join('\n');
};
