import type { Locale } from './i18n';

// The appliance's HTTP API. Same origin, cookie session, JSON both ways.

export type Role = 'owner' | 'member';
export interface User {
  id: string | number;
  name: string;
  role: Role;
  locale: Locale | null;
}
export interface Me {
  user: User;
  session: { id: string };
}
export interface SessionInfo {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  device: string | null;
  ip: string | null;
  createdAt: number;
  lastSeenAt: number;
}
export interface AppPassword {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Set for a Connect a computer password: its SMB user name. */
  smbAccount?: string | null;
}
/** The answer to a creation: the only time the password itself is sent. */
export interface CreatedAppPassword {
  id: number;
  name: string;
  password: string;
  createdAt: number;
}
export interface Throttling {
  underVoltage: boolean;
  frequencyCapped: boolean;
  throttled: boolean;
  softTemperatureLimit: boolean;
  underVoltageOccurred: boolean;
  frequencyCappedOccurred: boolean;
  throttledOccurred: boolean;
  softTemperatureLimitOccurred: boolean;
}
export interface NetworkInterface {
  name: string;
  mac: string | null;
  addresses: Array<{ address: string; family: 'IPv4' | 'IPv6' }>;
}
export interface SystemInfo {
  version: string;
  hostname: string;
  uptime: { systemSeconds: number; serviceSeconds: number };
  device: { model: string; source: 'device-tree' | 'cpu' };
  cpu: { model: string; cores: number; loadPercent: number; loadAverage: [number, number, number] };
  temperature: { celsius: number | null };
  throttling: Throttling | null;
  memory: { totalBytes: number; usedBytes: number; availableBytes: number };
  disk: { path: string; totalBytes: number; usedBytes: number; freeBytes: number } | null;
  network: NetworkInterface[];
}
export interface MetricSample {
  t: number;
  loadPercent: number;
  temperatureCelsius: number | null;
}
export interface Metrics {
  intervalSeconds: number;
  windowSeconds: number;
  samples: MetricSample[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Seconds to wait before trying again (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Status 0: the box could not be reached at all. */
export const NETWORK_ERROR = 'network_error';

let onUnauthenticated: (() => void) | null = null;

/** Called when any request (other than the ones that expect it) answers 401. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

interface RequestOptions {
  /** Do not treat a 401 as "the session has ended" (boot probe, sign-in). */
  expect401?: boolean;
}

function retryAfterSeconds(response: Response, body: unknown): number | undefined {
  const fromBody = (body as { error?: { retryAfter?: unknown } } | null)?.error?.retryAfter;
  if (typeof fromBody === 'number' && fromBody > 0) return fromBody;
  const header = Number(response.headers.get('Retry-After'));
  return Number.isFinite(header) && header > 0 ? header : undefined;
}

async function toError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.field,
    retryAfterSeconds(response, body),
  );
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const error = await toError(response);
    if (response.status === 401 && !options.expect401) onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  me: () => request<Me>('GET', '/api/auth/me', undefined, { expect401: true }),
  setupStatus: () => request<{ required: boolean }>('GET', '/api/auth/setup'),
  setup: (name: string, passphrase: string) =>
    request<{ user: User }>('POST', '/api/auth/setup', { name, passphrase }, { expect401: true }),
  login: (name: string, passphrase: string) =>
    request<{ user: User }>('POST', '/api/auth/login', { name, passphrase }, { expect401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', undefined, { expect401: true }),
  setLocale: (locale: Locale | null) => request<{ user: User }>('PATCH', '/api/auth/me', { locale }),
  changePassphrase: (current: string, next: string) =>
    request<void>('POST', '/api/auth/passphrase', { current, next }),
  logoutEverywhere: () => request<{ ended: number }>('POST', '/api/auth/logout-everywhere'),
  sessions: () => request<{ sessions: SessionInfo[] }>('GET', '/api/auth/sessions'),
  revokeSession: (id: string) => request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`),
  appPasswords: () => request<{ appPasswords: AppPassword[] }>('GET', '/api/auth/app-passwords'),
  createAppPassword: (name: string) => request<CreatedAppPassword>('POST', '/api/auth/app-passwords', { name }),
  revokeAppPassword: (id: number) => request<void>('DELETE', `/api/auth/app-passwords/${id}`),
  systemInfo: () => request<SystemInfo>('GET', '/api/system/info'),
  metrics: () => request<Metrics>('GET', '/api/system/metrics'),
};
