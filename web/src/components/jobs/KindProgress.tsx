import { t } from '../../i18n';
import { formatDuration, formatNumber } from '../../lib/format';
import { kindName, type KindSummary } from './jobs-api';

/** Finished share of the last hour's work, running jobs counting for what they reported. */
function progressOf(kind: KindSummary): { done: number; total: number; ratio: number } {
  const total = kind.doneLastHour + kind.running + kind.queued;
  const done = kind.doneLastHour + kind.runningProgress;
  return { done: kind.doneLastHour, total, ratio: total > 0 ? Math.min(1, done / total) : 1 };
}

function Counts({ kind }: { kind: KindSummary }) {
  const parts = [
    kind.queued > 0 && t('jobs.waiting', { count: kind.queued }),
    kind.running > 0 && t('jobs.running', { count: kind.running }),
  ].filter(Boolean);
  return parts.length ? <span>{parts.join(' · ')}</span> : <span class="muted">{t('jobs.upToDate')}</span>;
}

function Pace({ kind, paused }: { kind: KindSummary; paused: boolean }) {
  if (paused && kind.heavy && kind.queued > 0) return <span class="jobs-paused">{t('jobs.paused')}</span>;
  if (kind.ratePerMinute <= 0) return null;
  const rate = t('jobs.rate', { rate: formatNumber(kind.ratePerMinute, 1) });
  const backlog = kind.queued + kind.running;
  if (backlog === 0) return <span>{rate}</span>;
  // Whole minutes: the rate is an estimate, seconds would claim a precision it does not have.
  const minutes = Math.max(1, Math.round(backlog / kind.ratePerMinute));
  const left = t('jobs.left', { time: formatDuration(minutes * 60) });
  return <span>{`${rate} · ${left}`}</span>;
}

/** One kind of work: its progress bar over the last hour, its backlog and its pace. */
export function KindProgress({ kind, paused }: { kind: KindSummary; paused: boolean }) {
  const name = kindName(kind.kind);
  const { done, total, ratio } = progressOf(kind);
  const id = `jobs-kind-${kind.kind.replace(/[^a-z0-9-]/g, '-')}`;
  return (
    <li class="jobs-kind" data-kind={kind.kind}>
      <div class="jobs-kind-head">
        <span class="jobs-kind-name" id={`${id}-name`}>
          {name}
        </span>
        {total > 0 && <span class="jobs-kind-done">{t('jobs.doneOf', { done: formatNumber(done, 0), total: formatNumber(total, 0) })}</span>}
      </div>
      <div
        class={`bar jobs-bar${paused && kind.heavy && kind.queued > 0 ? ' jobs-bar-paused' : ''}`}
        role="progressbar"
        aria-labelledby={`${id}-name`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
      >
        <div class="bar-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      <div class="jobs-kind-facts small">
        <Counts kind={kind} />
        <Pace kind={kind} paused={paused} />
        {kind.failed > 0 && <span class="jobs-failed-count">{t('jobs.failedCount', { count: kind.failed })}</span>}
      </div>
    </li>
  );
}
