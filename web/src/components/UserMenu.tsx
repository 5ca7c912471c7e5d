import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../api';
import { t } from '../i18n';
import { Button } from './Button';
import { Icon } from './Icon';

/** A disclosure (button + panel): who is signed in, and Sign out. */
export function UserMenu({ user, onSignOut }: { user: User; onSignOut: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const signOut = async () => {
    setBusy(true);
    try {
      await onSignOut();
    } finally {
      setBusy(false);
    }
  };

  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && !root.current?.contains(next)) setOpen(false);
  };

  return (
    <div class="user-menu" ref={root} onFocusOut={onFocusOut}>
      <button
        ref={toggle}
        type="button"
        class="user-button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="user-menu-panel"
        aria-label={t('user.menu', { name: user.name })}
        onClick={() => setOpen(!open)}
      >
        <span class="avatar" aria-hidden="true">
          {user.name.slice(0, 1).toUpperCase()}
        </span>
        <span class="user-name">{user.name}</span>
        <Icon name="chevronDown" size={16} />
      </button>
      <div id="user-menu-panel" class="user-panel" hidden={!open}>
        <p class="user-panel-who">
          <span class="muted">{t('user.signedInAs')}</span>
          <strong>{user.name}</strong>
          <span class="badge">{t(user.role === 'owner' ? 'user.owner' : 'user.member')}</span>
        </p>
        <Button variant="ghost" class="btn-block btn-start" busy={busy} onClick={signOut}>
          <Icon name="logout" size={18} />
          {t('user.signOut')}
        </Button>
      </div>
    </div>
  );
}
