import { ApiError, NETWORK_ERROR, request } from '../../api';

// Statement imports: upload (with progress) -> preview -> revise -> commit.

export type CsvRole = 'date' | 'valueDate' | 'label' | 'memo' | 'amount' | 'debit' | 'credit' | 'balance' | 'currency' | 'ignore';
export const CSV_ROLES: readonly CsvRole[] = ['date', 'valueDate', 'label', 'memo', 'amount', 'debit', 'credit', 'balance', 'currency', 'ignore'];

export interface CsvMapping {
  encoding?: string;
  delimiter?: string;
  decimalSeparator?: '.' | ',';
  dateOrder?: 'dmy' | 'mdy' | 'ymd';
  hasHeader?: boolean;
  skipRows?: number;
  columns: Array<{ index: number; role: CsvRole }>;
  currency?: string;
  debitIsPositive?: boolean;
}

export interface CsvDetection {
  encoding: string;
  delimiter: string;
  decimalSeparator: '.' | ',';
  dateOrder: 'dmy' | 'mdy' | 'ymd';
  hasHeader: boolean;
  columns: Array<{ index: number; header: string; role: CsvRole; confidence: number }>;
  sampleRows: string[][];
}

export interface Unsure {
  importId: string;
  bookingDate: string;
  amountMinor: number;
  label: string;
  likely: { id: number; bookingDate: string; label: string };
  daysApart: number;
  included: boolean;
}

export interface PreviewAccount {
  index: number;
  statement: { accountId: string | null; iban: string | null; currency: string; name: string | null; periodStart: string | null; periodEnd: string | null; transactions: number };
  match: 'existing' | 'new' | 'pick';
  account: { id: number; name: string } | null;
  newAccountName: string | null;
  counts: { new: number; known: number; skipped: number; unsure: number };
  unsure: Unsure[];
  skipped: Array<{ importId: string; bookingDate: string; amountMinor: number; label: string; reason: string }>;
}

export interface ImportPreview {
  id: number;
  state: 'preview' | 'committed' | 'cancelled';
  fileName: string;
  format: string;
  warnings: string[];
  csv: { detection: CsvDetection; mapping: CsvMapping } | null;
  accounts: PreviewAccount[];
  totals: { new: number; known: number; skipped: number; unsure: number };
}

export interface Revision {
  mapping?: CsvMapping;
  accounts?: Array<{ index: number; accountId?: number; name?: string }>;
  include?: string[];
}

export interface CommitResult {
  id: number;
  new: number;
  known: number;
  skipped: number;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, NETWORK_ERROR, 'The box could not be reached.');
  try {
    const { error } = JSON.parse(xhr.responseText) as { error: { code: string; message: string } };
    return new ApiError(xhr.status, error.code, error.message);
  } catch {
    return new ApiError(xhr.status, `http_${xhr.status}`, xhr.statusText);
  }
}

/** Sends the file as the raw body (XMLHttpRequest: fetch cannot report upload progress). */
export function uploadStatement(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<ImportPreview> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/banks/imports?name=${encodeURIComponent(file.name.slice(0, 255) || 'statement')}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => (xhr.status === 201 ? resolve(JSON.parse(xhr.responseText) as ImportPreview) : reject(errorOf(xhr)));
    xhr.onerror = () => reject(errorOf(xhr));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Upload cancelled.'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export const importsApi = {
  revise: (id: number, revision: Revision) => request<ImportPreview>('PATCH', `/api/banks/imports/${id}`, revision),
  commit: (id: number, revision: Revision) => request<CommitResult>('POST', `/api/banks/imports/${id}/commit`, revision),
  cancel: (id: number) => request<void>('DELETE', `/api/banks/imports/${id}`),
};
