import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Button } from './Button';

type Outcome = 'copied' | 'selected';

function select(element: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * navigator.clipboard exists only in secure contexts, and the box is usually
 * reached over plain http://cozy.local. There the text is selected instead,
 * and execCommand('copy') (old, but still the only way outside https) tried;
 * if even that fails, the person presses Ctrl+C on the selection.
 */
async function copy(text: string, element: HTMLElement | null): Promise<Outcome> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return 'copied';
    }
  } catch {
    // Refused (no permission, no focus): fall back to the selection below.
  }
  if (!element) return 'selected';
  select(element);
  try {
    return document.execCommand('copy') ? 'copied' : 'selected';
  } catch {
    return 'selected';
  }
}

interface Props {
  text: string;
  /** The element showing the text, selected when the clipboard cannot be written. */
  target: RefObject<HTMLElement>;
  /** What is copied, for screen readers ("Copy the app password"). */
  what: string;
  variant?: 'primary' | 'secondary';
}

export function CopyButton({ text, target, what, variant = 'secondary' }: Props) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => setOutcome(null), [text]);
  return (
    <span class="copy">
      <Button variant={variant} class="copy-button" aria-label={t('appPasswords.copyLabel', { what })} onClick={async () => setOutcome(await copy(text, target.current))}>
        {t('appPasswords.copy')}
      </Button>
      <span role="status" class="copy-status small">
        {outcome ? t(outcome === 'copied' ? 'appPasswords.copied' : 'appPasswords.selected') : ''}
      </span>
    </span>
  );
}
