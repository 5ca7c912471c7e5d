import { ApiError, NETWORK_ERROR } from '../api';
import { t } from '../i18n';

/** A sentence for a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('app.unreachable');
    return error.message || t('common.error', { message: error.code });
  }
  return t('common.error', { message: error instanceof Error ? error.message : String(error) });
}
