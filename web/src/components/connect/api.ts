// The calls behind Settings -> Connect a computer, Settings -> SSH, and the
// "reach this box" lists on Setup and System.
import { request } from '../../api';

export interface Reach {
  mdnsName: string | null;
  mdnsRenamed: boolean;
  hostname: string;
  port: number;
  addresses: Array<{ address: string; family: 'IPv4' | 'IPv6' }>;
  smb: { available: boolean; share: string };
}

export interface ComputerPassword {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  smbAccount: string | null;
}

export interface CreatedComputerPassword {
  id: number;
  name: string;
  password: string;
  smbAccount: string;
  createdAt: number;
}

export interface SshStatus {
  available: boolean;
  enabled: boolean;
  key: string | null;
}

export const connectApi = {
  reach: () => request<Reach>('GET', '/api/system/reach'),
  passwords: () => request<{ appPasswords: ComputerPassword[] }>('GET', '/api/auth/app-passwords'),
  createComputerPassword: (name: string) => request<CreatedComputerPassword>('POST', '/api/auth/app-passwords', { name, smb: true }),
  revoke: (id: number) => request<void>('DELETE', `/api/auth/app-passwords/${id}`),
  ssh: () => request<SshStatus>('GET', '/api/system/ssh'),
  enableSsh: (publicKey: string) => request<SshStatus>('PUT', '/api/system/ssh', { publicKey }),
  disableSsh: () => request<SshStatus>('DELETE', '/api/system/ssh'),
};

/** "http://cozy.local/" or "http://192.168.1.20:8080/": how a browser reaches the box at that host. */
export function webAddress(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}${port === 80 ? '' : `:${port}`}/`;
}

/** The name to type for SMB: the mDNS name, else the first IPv4 address, else the page's own host. */
export function smbHost(reach: Reach): string {
  return reach.mdnsName ?? reach.addresses.find((a) => a.family === 'IPv4')?.address ?? window.location.hostname;
}
