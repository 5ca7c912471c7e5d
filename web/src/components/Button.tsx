import type { ComponentChildren, JSX } from 'preact';
import { t } from '../i18n';

interface ButtonProps {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  type?: 'button' | 'submit';
  /** Shows a spinner and ignores clicks, but keeps focus (unlike `disabled`). */
  busy?: boolean;
  /** Ignores clicks without removing the button from the tab order. */
  inactive?: boolean;
  onClick?: (event: JSX.TargetedMouseEvent<HTMLButtonElement>) => void;
  class?: string;
  'aria-label'?: string;
}

export function Button({ children, variant = 'primary', type = 'button', busy, inactive, onClick, ...rest }: ButtonProps) {
  const blocked = busy || inactive;
  const handle = (event: JSX.TargetedMouseEvent<HTMLButtonElement>) => {
    if (blocked) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      type={type}
      class={`btn btn-${variant}${rest.class ? ` ${rest.class}` : ''}`}
      aria-busy={busy ? 'true' : undefined}
      aria-disabled={blocked ? 'true' : undefined}
      aria-label={rest['aria-label']}
      onClick={handle}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      <span class="btn-label">{children}</span>
      {busy && <span class="sr-only">{t('common.busy')}</span>}
    </button>
  );
}
