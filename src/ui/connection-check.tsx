import { useEffect, useState } from 'preact/hooks';
import { formatConnectionReport } from '../shared/connection-report';
import type { AppError } from '../shared/errors';
import { type ConnectionReport, checkConnection } from '../shared/messages/diagnostics';
import { t } from './i18n';
import { askWorker } from './worker-client';

const say = (key: string, substitutions: readonly (string | number)[] = []) =>
  t(key, substitutions.map(String));

/**
 * Check connection for one runtime and, once checked, the report as text with Copy report. The
 * report is built by the worker from hosts, statuses and redacted server text only.
 */
export const ConnectionCheck = ({
  runtimeName,
  autoRun = false,
}: {
  runtimeName: string;
  autoRun?: boolean;
}) => {
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [checking, setChecking] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const run = async () => {
    setChecking(true);
    setCopied(null);
    const answer = await askWorker(checkConnection, { runtimeName });
    setChecking(false);
    setReport(answer.ok ? answer.value : null);
    setError(answer.ok ? null : answer.error);
  };
  useEffect(() => {
    if (autoRun) void run();
  }, [autoRun]);

  const reportText = report ? formatConnectionReport(report, say) : '';
  const copy = () => {
    navigator.clipboard.writeText(reportText).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };

  return (
    <div class="connection-check">
      <button
        type="button"
        aria-label={t('checkConnectionFor', runtimeName)}
        disabled={checking}
        onClick={() => void run()}
      >
        {checking ? t('checkingConnection') : t('checkConnection')}
      </button>
      {error && <p role="alert">{error.message}</p>}
      {report && (
        <>
          <textarea readOnly rows={8} aria-label={t('reportLabel', runtimeName)} value={reportText} />
          <button type="button" aria-label={t('copyReportFor', runtimeName)} onClick={copy}>
            {t('copyReport')}
          </button>
          {copied && <p role="status">{copied === 'yes' ? t('reportCopied') : t('reportCopyFailed')}</p>}
        </>
      )}
    </div>
  );
};
