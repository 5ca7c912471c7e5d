import type { ComponentChildren } from 'preact';

/**
 * A live region that is always in the page, so screen readers announce what
 * appears in it: `alert` for errors (assertive), `status` for results (polite).
 */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children?: ComponentChildren }) {
  const empty = children === undefined || children === null || children === false || children === '';
  return (
    <div role={kind === 'error' ? 'alert' : 'status'} class={`notice notice-${kind}`} data-empty={empty ? '' : undefined}>
      {empty ? null : children}
    </div>
  );
}
