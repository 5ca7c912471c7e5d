// Resumable uploads with tus (tus-js-client) for files large enough to be
// worth resuming: a network drop or a closed laptop lid costs only the bytes
// in flight. The box keeps what arrived (/api/files/uploads/), and the client
// remembers the upload (localStorage) so that even a reload picks it up
// again. Small files keep the single PUT: one round trip instead of three.
import { Upload, type DetailedError } from 'tus-js-client';
import type { Sender, SendResult } from './upload';

export const RESUMABLE_FROM_BYTES = 4 * 1024 * 1024;
const ENDPOINT = '/api/files/uploads/';
/** Retries after a drop: quick at first, then up to half a minute apart (about two minutes in all). */
const RETRY_DELAYS = [500, 1000, 3000, 5000, 10_000, 20_000, 30_000, 30_000];

function resultOf(error: Error | DetailedError): SendResult {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return { ok: false, status: 0, code: 'network_error', message: error.message };
  let code = `http_${response.getStatus()}`;
  let message = '';
  try {
    const body = JSON.parse(response.getBody()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? '';
  } catch {
    // Not JSON: keep the status.
  }
  return { ok: false, status: response.getStatus(), code, message };
}

/**
 * Retry what a retry can fix: the network, a busy or locked server, and a
 * 409 about the offset (right after a cut the box may still be finishing the
 * broken request; the retry asks it where to go on). Never a refusal such as
 * "exists" or "no room".
 */
function worthRetrying(error: DetailedError): boolean {
  const status = error.originalResponse?.getStatus() ?? 0;
  if (status === 409) {
    const result = resultOf(error);
    return !result.ok && ['offset_mismatch', 'upload_busy'].includes(result.code);
  }
  return status === 0 || status === 423 || status === 429 || status >= 500;
}

export function tusSender(onUnauthorized?: () => void): Sender {
  return (path, overwrite, file, onProgress) => {
    let settle: (result: SendResult) => void = () => undefined;
    const done = new Promise<SendResult>((resolve) => (settle = resolve));
    const upload = new Upload(file, {
      endpoint: ENDPOINT,
      metadata: { path, overwrite: overwrite ? '1' : '0' },
      retryDelays: RETRY_DELAYS,
      // One remembered upload per destination and content, not per file name.
      fingerprint: async () => `cozy-tus:${path}:${file.size}:${(file as File).lastModified ?? 0}`,
      removeFingerprintOnSuccess: true,
      onShouldRetry: (error) => worthRetrying(error),
      onProgress: (sent) => onProgress(sent),
      onSuccess: () => settle({ ok: true }),
      onError: (error) => {
        const result = resultOf(error);
        if (!result.ok && result.status === 401) onUnauthorized?.();
        settle(result);
      },
    });
    void upload.findPreviousUploads().then((previous) => {
      if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
    return {
      done,
      abort: () => {
        // Cancelling ends the upload on the box too (tus termination).
        void upload.abort(true).catch(() => undefined);
        settle({ ok: false, status: 0, code: 'aborted', message: '' });
      },
    };
  };
}

/** Resumable for large files, a single PUT for small ones. */
export function bySize(small: Sender, large: Sender): Sender {
  return (path, overwrite, file, onProgress) =>
    (file.size >= RESUMABLE_FROM_BYTES ? large : small)(path, overwrite, file, onProgress);
}
