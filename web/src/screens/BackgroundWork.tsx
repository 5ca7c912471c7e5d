import { useCallback, useEffect, useState } from 'preact/hooks';
import { Card } from '../components/Card';
import { FailureList } from '../components/jobs/FailureList';
import { jobsApi, useJobsSummary, type FailedJob, type JobsSummary } from '../components/jobs/jobs-api';
import { KindProgress } from '../components/jobs/KindProgress';
import { Notice } from '../components/Notice';
import { t } from '../i18n';
import { errorMessage } from '../lib/errors';
import { formatCelsius } from '../lib/format';
import { useTitle } from '../lib/hooks';
import '../components/jobs/jobs.css';

/** Pause at the limit, resume this much cooler (as the queue does). */
const RESUME_BELOW_C = 5;

/** The failures list, read again whenever the summary's failures change (a count, or a job that failed again). */
function useFailures(summary: JobsSummary | null) {
  const [failures, setFailures] = useState<FailedJob[] | null>(null);
  const [error, setError] = useState('');
  const refresh = useCallback(async () => {
    try {
      setFailures((await jobsApi.failures()).failures);
      setError('');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  }, []);
  const key = summary ? summary.kinds.map((kind) => `${kind.kind}:${kind.failed}:${kind.lastFailedAt}`).join(',') : null;
  useEffect(() => {
    if (key !== null) void refresh();
  }, [key, refresh]);
  return { failures, error, refresh };
}

function HeatNotice({ summary }: { summary: JobsSummary }) {
  if (!summary.thermalPaused) return null;
  return (
    <p class="status status-warn jobs-hot">
      {t('jobs.hot', {
        temperature: summary.temperatureC === null ? '?' : formatCelsius(summary.temperatureC),
        limit: formatCelsius(summary.maxTemperatureC),
        resume: formatCelsius(summary.maxTemperatureC - RESUME_BELOW_C),
      })}
    </p>
  );
}

export function BackgroundWorkScreen() {
  useTitle(t('jobs.title'), t('settings.title'));
  const { summary, connection } = useJobsSummary();
  const failures = useFailures(summary);
  return (
    <div class="stack">
      <header class="section-header">
        <h2>{t('jobs.title')}</h2>
        <p class="muted">{t('jobs.lead')}</p>
      </header>
      <Notice kind="info">{connection === 'lost' ? t('jobs.lost') : ''}</Notice>
      {!summary && connection !== 'lost' && (
        <p class="muted" aria-busy="true">
          {t('jobs.connecting')}
        </p>
      )}
      {summary && (
        <Card title={t('jobs.queue')} wide id="card-jobs">
          <HeatNotice summary={summary} />
          {summary.kinds.length === 0 ? (
            <p class="muted">{t('jobs.idle')}</p>
          ) : (
            <ul class="jobs-kinds" aria-live="off">
              {summary.kinds.map((kind) => (
                <KindProgress key={kind.kind} kind={kind} paused={summary.thermalPaused} />
              ))}
            </ul>
          )}
        </Card>
      )}
      {summary && (
        <Card title={t('jobs.failures')} wide id="card-job-failures">
          <p class="muted small jobs-failures-lead">{t('jobs.failuresLead')}</p>
          <Notice kind="error">{failures.error}</Notice>
          {failures.failures && <FailureList failures={failures.failures} onChanged={failures.refresh} />}
        </Card>
      )}
    </div>
  );
}
