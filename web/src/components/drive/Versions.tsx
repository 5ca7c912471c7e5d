import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { formatBytes, formatDateTime } from '../../lib/format';
import { Button } from '../Button';
import { Notice } from '../Notice';
import { DriveIcon } from './DriveIcon';
import { driveError } from './errors';
import { filesApi, versionUrl, type Entry, type Version } from './files-api';

/** Earlier versions of a file: download one, or make it current again. */
export function Versions({ entry, onRestored }: { entry: Entry; onRestored: () => void }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    setVersions(null);
    setError('');
    filesApi
      .versions(entry.path)
      .then((answer) => live && setVersions([...answer.versions].sort((a, b) => b.keptAt - a.keptAt)))
      .catch((caught) => live && (setVersions([]), setError(driveError(caught))));
    return () => {
      live = false;
    };
  }, [entry.path, entry.etag]);

  const restore = async (version: Version) => {
    setBusy(version.id);
    setDone('');
    setError('');
    try {
      await filesApi.restoreVersion(version.id);
      setDone(t('drive.versions.restored', { date: formatDateTime(version.mtime) }));
      onRestored();
    } catch (caught) {
      setError(driveError(caught));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="details-section" aria-labelledby="versions-heading">
      <h3 id="versions-heading" class="card-title">{t('drive.versions.title')}</h3>
      <Notice kind="error">{error}</Notice>
      <Notice kind="success">{done}</Notice>
      {versions === null && <p class="muted small">{t('app.loading')}</p>}
      {versions?.length === 0 && !error && <p class="muted small">{t('drive.versions.none')}</p>}
      {versions && versions.length > 0 && (
        <ul class="versions">
          {versions.map((version) => (
            <li key={version.id} class="version">
              <span class="version-what">
                <time dateTime={new Date(version.mtime).toISOString()}>{formatDateTime(version.mtime)}</time>
                <span class="muted small">{formatBytes(version.size)}</span>
              </span>
              <a
                class="btn btn-ghost btn-icon"
                href={versionUrl(version.id)}
                download={entry.name}
                aria-label={t('drive.versions.download', { date: formatDateTime(version.mtime) })}
              >
                <DriveIcon name="download" />
              </a>
              <Button
                variant="secondary"
                class="btn-small"
                busy={busy === version.id}
                aria-label={t('drive.versions.restoreLabel', { date: formatDateTime(version.mtime) })}
                onClick={() => void restore(version)}
              >
                {t('drive.restore')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
