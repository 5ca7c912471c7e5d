import type { ComponentChildren, JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { onLinkClick } from '../../router';
import { DriveIcon } from '../drive/DriveIcon';
import { PhotoIcon } from './PhotoIcon';

/** The Photos title, its two views (Timeline, Albums) and the page's tools. */
export function PhotosHeader({ current, children }: { current: 'timeline' | 'albums'; children?: ComponentChildren }) {
  const tab = (id: 'timeline' | 'albums', href: string, label: string) => (
    <li>
      <a class="photos-tab" href={href} onClick={onLinkClick} aria-current={current === id ? 'page' : undefined}>
        <PhotoIcon name={id === 'timeline' ? 'timeline' : 'album'} />
        <span>{label}</span>
      </a>
    </li>
  );
  return (
    <header class="photos-head">
      <h1 class="page-title photos-title">{t('photos.title')}</h1>
      <nav aria-label={t('photos.tabs')} class="photos-tabs">
        <ul>
          {tab('timeline', '/photos', t('photos.timeline'))}
          {tab('albums', '/photos/albums', t('photos.albums'))}
        </ul>
      </nav>
      <div class="tool-group photos-tools">{children}</div>
    </header>
  );
}

/** Upload: several photos and videos at once; on a phone this offers the camera roll. */
export function UploadButton({ onFiles }: { onFiles: (files: FileList) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const picked = (event: JSX.TargetedEvent<HTMLInputElement>) => {
    const element = event.currentTarget;
    if (element.files?.length) onFiles(element.files);
    element.value = '';
  };
  return (
    <>
      <button type="button" class="tool tool-primary" onClick={() => input.current?.click()}>
        <DriveIcon name="upload" />
        <span class="tool-label">{t('photos.upload')}</span>
      </button>
      <input ref={input} type="file" multiple accept="image/*,video/*" hidden data-upload="photos" onChange={picked} aria-label={t('photos.upload')} />
    </>
  );
}
