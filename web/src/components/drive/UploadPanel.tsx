import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes, formatDuration, formatPercent } from '../../lib/format';
import type { UploadTask } from '../../lib/upload';
import { DriveIcon } from './DriveIcon';
import { codeMessage } from './errors';
import type { Uploads } from './useUploads';

function Bar({ loaded, total, label }: { loaded: number; total: number; label: string }) {
  const percent = total > 0 ? Math.min(100, (loaded / total) * 100) : 100;
  return (
    <div
      class="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
      aria-valuetext={formatPercent(percent)}
    >
      <div class="bar-fill" style={{ width: `${percent.toFixed(1)}%` }} />
    </div>
  );
}

function stateText(task: UploadTask): string {
  switch (task.state) {
    case 'queued':
      return t('drive.upload.waiting');
    case 'uploading':
      return `${formatBytes(task.loaded)} / ${formatBytes(task.size)}`;
    case 'done':
      return t('drive.upload.done');
    case 'cancelled':
      return t('drive.upload.cancelled');
    case 'conflict':
      return t('drive.upload.exists');
    case 'failed':
      return codeMessage(task.code, task.message);
  }
}

function TaskRow({ task, uploads }: { task: UploadTask; uploads: Uploads }) {
  const { queue } = uploads;
  const live = task.state === 'queued' || task.state === 'uploading';
  const problem = task.state === 'conflict' || task.state === 'failed';
  return (
    <li class={`upload upload-${task.state}`}>
      <div class="upload-line">
        <span class="upload-name" title={task.label}>{task.label}</span>
        {task.state === 'done' ? (
          <span class="upload-ok">
            <span aria-hidden="true">✓</span>
            <span class="sr-only">{stateText(task)}</span>
          </span>
        ) : (
          !problem && <span class="upload-state small">{stateText(task)}</span>
        )}
        {live && (
          <button type="button" class="tool tool-small" aria-label={t('drive.upload.cancelOne', { name: task.label })} onClick={() => queue.cancel(task.id)}>
            <DriveIcon name="close" size={16} />
          </button>
        )}
      </div>
      {task.state === 'uploading' && <Bar loaded={task.loaded} total={task.size} label={task.label} />}
      {problem && <p class="upload-problem small">{stateText(task)}</p>}
      {task.state === 'conflict' && (
        <div class="upload-choice">
          <button type="button" class="btn btn-secondary btn-small" onClick={() => queue.replace(task.id)}>
            {t('drive.upload.replace')}
          </button>
          <button type="button" class="btn btn-secondary btn-small" onClick={() => queue.keepBoth(task.id)}>
            {t('drive.upload.keepBoth')}
          </button>
        </div>
      )}
      {task.state === 'failed' && task.code !== 'insufficient_storage' && (
        <div class="upload-choice">
          <button type="button" class="btn btn-secondary btn-small" onClick={() => queue.retry(task.id)}>
            {t('drive.upload.retry')}
          </button>
        </div>
      )}
    </li>
  );
}

function Summary({ uploads }: { uploads: Uploads }) {
  const { stats } = uploads;
  const parts = [t('drive.upload.bytes', { loaded: formatBytes(stats.loaded), total: formatBytes(stats.total) })];
  if (stats.running && stats.speed) parts.push(t('drive.upload.speed', { speed: formatBytes(stats.speed) }));
  if (stats.running && stats.secondsLeft !== null) parts.push(t('drive.upload.left', { time: formatDuration(Math.ceil(stats.secondsLeft)) }));
  return <p class="small muted uploads-figures">{parts.join(' · ')}</p>;
}

/** Each file's progress, the overall bar with speed and time left, cancel and conflict choices. */
export function UploadPanel({ uploads }: { uploads: Uploads }) {
  const [open, setOpen] = useState(true);
  const { stats, tasks, queue } = uploads;
  if (tasks.length === 0) return null;
  const title = stats.running
    ? t('drive.upload.progress', { done: stats.finished, count: stats.count })
    : t('drive.upload.finished', { count: stats.finished });
  return (
    <section class="uploads" aria-labelledby="uploads-heading" data-running={stats.running ? '' : undefined}>
      <header class="uploads-head">
        <h2 id="uploads-heading">{title}</h2>
        <button type="button" class="tool tool-small" aria-expanded={open ? 'true' : 'false'} aria-controls={open ? 'uploads-list' : undefined} onClick={() => setOpen(!open)}>
          <DriveIcon name={open ? 'down' : 'up'} size={16} />
          <span class="sr-only">{t(open ? 'drive.upload.hide' : 'drive.upload.show')}</span>
        </button>
        {stats.running ? (
          <button type="button" class="tool tool-small" aria-label={t('drive.upload.cancelAll')} onClick={() => queue.cancelAll()}>
            <DriveIcon name="close" size={16} />
          </button>
        ) : (
          <button type="button" class="tool tool-small" aria-label={t('drive.upload.clear')} onClick={() => queue.clearFinished()}>
            <DriveIcon name="close" size={16} />
          </button>
        )}
      </header>
      {stats.count > 0 && <Bar loaded={stats.loaded} total={stats.total} label={t('drive.upload.overall')} />}
      <Summary uploads={uploads} />
      {stats.failed > 0 && <p class="small uploads-failed">{t('drive.upload.problems', { count: stats.failed })}</p>}
      {open && (
        <ul id="uploads-list" class="uploads-list">
          {tasks.map((task) => (
            <TaskRow key={task.id} task={task} uploads={uploads} />
          ))}
        </ul>
      )}
    </section>
  );
}
