import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { DriveIcon } from './DriveIcon';

export interface ToastMessage {
  text: string;
  action?: { label: string; run: () => void };
}

const SHOWN_MS = 10_000;

export function useToast() {
  const [toast, setToast] = useState<(ToastMessage & { id: number }) | null>(null);
  const next = useRef(1);
  const show = useCallback((message: ToastMessage) => setToast({ ...message, id: next.current++ }), []);
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, show, dismiss };
}

/**
 * A short message at the bottom of the screen, optionally with one action
 * (Undo). The live region is always in the page so screen readers announce it;
 * it stays while the pointer or focus is on it.
 */
export function Toast({ toast, onDismiss }: { toast: (ToastMessage & { id: number }) | null; onDismiss: () => void }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!toast || held) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [toast, held, onDismiss]);
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {toast && (
        <div
          class="toast"
          key={toast.id}
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocusIn={() => setHeld(true)}
          onFocusOut={() => setHeld(false)}
        >
          <span class="toast-text">{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              class="toast-action"
              onClick={() => {
                toast.action?.run();
                onDismiss();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" class="toast-close" aria-label={t('drive.close')} onClick={onDismiss}>
            <DriveIcon name="close" size={16} />
          </button>
        </div>
      )}
    </div>
  );
}
