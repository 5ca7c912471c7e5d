import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { jobsApi, kindName, type FailedJob } from './jobs-api';

function FailureItem({ failure, onRetry, busy }: { failure: FailedJob; onRetry: () => void; busy: boolean }) {
  const what = failure.label ?? failure.subject;
  return (
    <li class="jobs-failure" data-job={failure.id}>
      <div class="jobs-failure-text">
        <p class="jobs-failure-what">
          <span class="jobs-failure-name">{what}</span>
          <span class="badge">{kindName(failure.kind)}</span>
        </p>
        <p class="jobs-failure-reason">{failure.reason}</p>
        <p class="small muted">
          {failure.failedAt !== null && `${t('jobs.failedAt', { when: formatRelative(failure.failedAt) })} · `}
          {t('jobs.attempts', { count: failure.attempts })}
        </p>
      </div>
      <Button variant="secondary" busy={busy} onClick={onRetry} aria-label={t('jobs.retryOne', { what })}>
        {t('jobs.retry')}
      </Button>
    </li>
  );
}

/** Retrying one failure or all of them, with what came of it. */
function useRetries(onChanged: () => Promise<void>) {
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  const [result, setResult] = useState('');
  const [error, setError] = useState('');
  const act = async (which: number | 'all', work: () => Promise<number>) => {
    setBusy(which);
    setResult('');
    setError('');
    try {
      setResult(t('jobs.retried', { count: await work() }));
    } catch (caught) {
      setError(errorMessage(caught));
    }
    await onChanged();
    setBusy(null);
  };
  return {
    busy,
    result,
    error,
    retry: (id: number) => act(id, async () => (await jobsApi.retry(id), 1)),
    retryAll: () => act('all', async () => (await jobsApi.retryFailed()).retried),
  };
}

/** Failed jobs with their reasons, a Retry for each and one for all. */
export function FailureList({ failures, onChanged }: { failures: FailedJob[]; onChanged: () => Promise<void> }) {
  const { busy, result, error, retry, retryAll } = useRetries(onChanged);
  return (
    <div class="stack jobs-failures">
      <Notice kind="success">{result}</Notice>
      <Notice kind="error">{error}</Notice>
      {failures.length === 0 ? (
        <p class="muted">{t('jobs.noFailures')}</p>
      ) : (
        <ul class="jobs-failure-list">
          {failures.map((failure) => (
            <FailureItem key={failure.id} failure={failure} busy={busy === failure.id} onRetry={() => void retry(failure.id)} />
          ))}
        </ul>
      )}
      {failures.length > 1 && (
        <div class="actions">
          <Button variant="secondary" busy={busy === 'all'} onClick={() => void retryAll()}>
            {t('jobs.retryAll')}
          </Button>
        </div>
      )}
    </div>
  );
}
