import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { Button } from '../Button';
import { TextField } from '../Field';
import { Notice } from '../Notice';
import { Dialog } from './Dialog';
import { nameProblem, splitExtension } from './paths';

interface Props {
  title: string;
  label: string;
  submit: string;
  initial?: string;
  /** Resolves when done; throws to show the box's answer. */
  onName: (name: string) => Promise<void>;
  onClose: () => void;
  describeError: (error: unknown) => string;
}

/** New folder and Rename: one name, checked here, then by the box. */
export function NameDialog({ title, label, submit, initial = '', onName, onClose, describeError }: Props) {
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);

  // Select the name without its extension, ready to type over.
  useEffect(() => {
    const input = wrap.current?.querySelector('input');
    if (!input) return;
    input.focus();
    input.setSelectionRange(0, splitExtension(initial)[0].length);
  }, [initial]);

  const send = async () => {
    const found = nameProblem(name);
    setProblem(found);
    setFailure('');
    if (found) return;
    setBusy(true);
    try {
      await onName(name.trim());
    } catch (error) {
      setFailure(describeError(error));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={() => void send()}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('drive.cancel')}
          </Button>
          <Button type="submit" busy={busy}>
            {submit}
          </Button>
        </>
      }
    >
      <div ref={wrap} class="stack-sm">
        <TextField
          id="drive-name"
          label={label}
          value={name}
          onValue={(value) => {
            setName(value);
            setProblem(null);
          }}
          error={problem}
        />
        <Notice kind="error">{failure}</Notice>
      </div>
    </Dialog>
  );
}
