import type { MessageKey } from '../i18n';

// The same rules as the server; the server stays the judge, these only spare a
// round trip and explain the rule in the person's language.

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const NAME_MAX = 32;
export const PASSPHRASE_MIN = 10;

export function validateName(name: string): MessageKey | null {
  if (!name) return 'valid.nameRequired';
  if (name.length > NAME_MAX) return 'valid.nameTooLong';
  if (!NAME_PATTERN.test(name)) return 'valid.nameChars';
  return null;
}

export function validateNewPassphrase(passphrase: string, name?: string): MessageKey | null {
  if (!passphrase) return 'valid.passphraseRequired';
  if ([...passphrase].length < PASSPHRASE_MIN) return 'valid.passphraseShort';
  if (name && passphrase.trim().toLowerCase() === name.trim().toLowerCase()) return 'valid.passphraseIsName';
  return null;
}

export function validateRepeat(passphrase: string, repeat: string): MessageKey | null {
  return passphrase === repeat ? null : 'valid.passphraseMismatch';
}

/** Field name → message key, for the fields that have a problem. */
export type FieldErrors<F extends string> = Partial<Record<F, MessageKey | string | null>>;

export function hasErrors<F extends string>(errors: FieldErrors<F>): boolean {
  return Object.values(errors).some(Boolean);
}

/** Move focus to the first field marked invalid, after the render that marks it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
}
