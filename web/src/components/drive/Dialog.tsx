import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { Button } from '../Button';
import { DriveIcon } from './DriveIcon';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** Buttons at the bottom. */
  footer?: ComponentChildren;
  class?: string;
  /** Wraps the content in a form; Enter submits. */
  onSubmit?: () => void;
  /** Shown in the header, between the title and the close button. */
  actions?: ComponentChildren;
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"]), iframe, audio[controls], video[controls]';

/** Tab and Shift+Tab go round inside the dialog. */
function trapTab(event: KeyboardEvent, root: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const items = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal <dialog>: the page behind is inert, focus stays inside, Escape
 * closes, and focus goes back to where it was when the dialog closes.
 */
export function Dialog({ title, onClose, children, footer, onSubmit, actions, ...rest }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const titleId = useRef(`dialog-${Math.random().toString(36).slice(2, 8)}`).current;

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  const onCancel = (event: Event) => {
    event.preventDefault();
    closeRef.current();
  };
  const submit = (event: JSX.TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit?.();
  };
  const body = (
    <>
      <header class="dialog-head">
        <h2 id={titleId} class="dialog-title">
          {title}
        </h2>
        {actions}
        <Button variant="ghost" class="btn-icon dialog-close" aria-label={t('drive.close')} onClick={onClose}>
          <DriveIcon name="close" />
        </Button>
      </header>
      <div class="dialog-body">{children}</div>
      {footer && <footer class="dialog-foot">{footer}</footer>}
    </>
  );
  return (
    <dialog
      ref={ref}
      class={`dialog${rest.class ? ` ${rest.class}` : ''}`}
      aria-labelledby={titleId}
      onCancel={onCancel}
      onKeyDown={(event) => ref.current && trapTab(event, ref.current)}
    >
      {onSubmit ? (
        <form class="dialog-form" onSubmit={submit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

/** "Are you sure?" with a danger button. */
export function ConfirmDialog(props: { title: string; message: string; confirm: string; busy?: boolean; onConfirm: () => void; onClose: () => void }) {
  return (
    <Dialog
      title={props.title}
      onClose={props.onClose}
      onSubmit={props.onConfirm}
      footer={
        <>
          <Button variant="secondary" onClick={props.onClose}>
            {t('drive.cancel')}
          </Button>
          <Button variant="danger" type="submit" busy={props.busy}>
            {props.confirm}
          </Button>
        </>
      }
    >
      <p>{props.message}</p>
    </Dialog>
  );
}
