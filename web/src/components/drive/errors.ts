import { ApiError } from '../../api';
import { t, type MessageKey } from '../../i18n';
import { errorMessage } from '../../lib/errors';

// The box's error codes for files, said in the person's language.
const CODES: Record<string, MessageKey> = {
  exists: 'drive.err.exists',
  into_itself: 'drive.err.intoItself',
  same_place: 'drive.err.samePlace',
  insufficient_storage: 'drive.err.noSpace',
  write_in_progress: 'drive.err.busy',
  not_found: 'drive.err.notFound',
  not_a_folder: 'drive.err.notAFolder',
  network_error: 'app.unreachable',
};

export function codeMessage(code: string | null, fallback: string | null): string {
  const key = code ? CODES[code] : undefined;
  return key ? t(key) : fallback || t('common.error', { message: code ?? '?' });
}

export function driveError(error: unknown): string {
  if (error instanceof ApiError && CODES[error.code]) return t(CODES[error.code]!);
  return errorMessage(error);
}
