import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { t } from '../../i18n';
import { errorMessage } from '../../lib/errors';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Notice } from '../Notice';
import { Dialog } from '../drive/Dialog';
import { photosApi } from './photos-api';

/** Which Drive folders Photos shows (all, or a list) and where uploads from Photos go. */
export function SettingsDialog({ onSaved, onClose }: { onSaved: () => void; onClose: () => void }) {
  const [all, setAll] = useState(true);
  const [folders, setFolders] = useState('');
  const [upload, setUpload] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    photosApi.settings().then((settings) => {
      setAll(settings.folders === null);
      setFolders((settings.folders ?? []).join('\n'));
      setUpload(settings.uploadFolder);
      setLoaded(true);
    }, (error) => setFailure(errorMessage(error)));
  }, []);
  const save = async () => {
    setBusy(true);
    setFailure('');
    try {
      const list = folders.split('\n').map((line) => line.trim()).filter(Boolean);
      await photosApi.saveSettings({ folders: all ? null : list, uploadFolder: upload.trim() });
      onSaved();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : errorMessage(error));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('photos.settings.title')} onClose={onClose} onSubmit={() => void save()}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>{t('photos.albums.cancel')}</Button>
          <Button type="submit" busy={busy} inactive={!loaded}>{t('photos.albums.save')}</Button>
        </>
      }
    >
      <div class="stack-sm photos-settings">
        <fieldset>
          <label class="choice">
            <input type="radio" name="photos-scope" checked={all} onChange={() => setAll(true)} />
            <span>{t('photos.settings.all')}</span>
          </label>
          <label class="choice">
            <input type="radio" name="photos-scope" checked={!all} onChange={() => setAll(false)} />
            <span>{t('photos.settings.some')}</span>
          </label>
          {!all && (
            <div class="field">
              <label for="photos-folders" class="sr-only">{t('photos.settings.some')}</label>
              <p id="photos-folders-hint" class="field-hint">{t('photos.settings.foldersHint')}</p>
              <textarea id="photos-folders" rows={4} value={folders} aria-describedby="photos-folders-hint" onInput={(e) => setFolders(e.currentTarget.value)} />
            </div>
          )}
        </fieldset>
        <TextField id="photos-upload" label={t('photos.settings.upload')} hint={t('photos.settings.uploadHint')} value={upload} onValue={setUpload} />
        <Notice kind="error">{failure}</Notice>
      </div>
    </Dialog>
  );
}
