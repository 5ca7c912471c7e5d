// A running appliance for Banks tests, with a client that uploads statements
// and commits them as a person (or several people) would, over real HTTP.
import { join } from "node:path";
import { createArgon2Hasher } from "../../appliance/src/auth";
import { users } from "../../appliance/src/auth/auth.schema";
import type { Clock } from "../../appliance/src/shared/ports";
import { jsonRequest, login, setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

export const ROOT = join(import.meta.dir, "../..");
export const FIXTURES = join(ROOT, "test/fixtures/banks");
export const CORPUS = join(ROOT, "../shared/corpus/banks");

export interface Answer<T = any> {
  status: number;
  body: T;
}

export interface BanksClient {
  cookie: string;
  call<T = any>(method: string, route: string, body?: unknown): Promise<Answer<T>>;
  upload<T = any>(bytes: Uint8Array | string, name: string, query?: Record<string, string | number>): Promise<Answer<T>>;
  /** Uploads and commits as previewed (with optional choices); fails the test on any error. */
  importFile(bytes: Uint8Array | string, name: string, query?: Record<string, string | number>): Promise<{ preview: any; commit: any }>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Exports are not JSON.
  }
  return { status: response.status, body };
}

export function banksClient(base: string, cookie: string): BanksClient {
  const call = async (method: string, route: string, body?: unknown) => {
    const init = body === undefined ? { method, headers: { cookie } } : jsonRequest(method, body, { cookie });
    return answer(await fetch(`${base}/api/banks${route}`, init));
  };
  const upload = async (bytes: Uint8Array | string, name: string, query: Record<string, string | number> = {}) => {
    const search = new URLSearchParams({ name, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return answer(await fetch(`${base}/api/banks/imports?${search}`, { method: "POST", headers: { cookie, "content-type": "application/octet-stream" }, body: bytes as BodyInit }));
  };
  const importFile = async (bytes: Uint8Array | string, name: string, query: Record<string, string | number> = {}) => {
    const preview = await upload(bytes, name, query);
    if (preview.status !== 201) throw new Error(`upload ${name}: ${preview.status} ${JSON.stringify(preview.body)}`);
    const commit = await call("POST", `/imports/${preview.body.id}/commit`);
    if (commit.status !== 200) throw new Error(`commit ${name}: ${commit.status} ${JSON.stringify(commit.body)}`);
    return { preview: preview.body, commit: commit.body };
  };
  return { cookie, call, upload, importFile };
}

export interface BanksBox {
  appliance: TestAppliance;
  owner: BanksClient;
  /** Another person of the household, signed in, with Banks of their own. */
  person(name: string): Promise<BanksClient>;
  count(table: string): Promise<number>;
}

const PASSPHRASE = "a long enough passphrase for tests";

export async function startBanks(options: { maxImportBytes?: number; clock?: Clock } = {}): Promise<BanksBox> {
  const appliance = await startTestAppliance({ banks: { maxImportBytes: options.maxImportBytes }, clock: options.clock });
  const owner = banksClient(appliance.base, await setupOwner(appliance.base));
  const hash = await createArgon2Hasher().hash(PASSPHRASE);
  const person = async (name: string) => {
    const now = Date.now();
    await appliance.database.db.insert(users).values({ name, nameKey: name.toLowerCase(), role: "member", passphraseHash: hash, createdAt: now, passphraseChangedAt: now });
    const response = await login(appliance.base, { name, passphrase: PASSPHRASE });
    const cookie = /cozy_session=([^;]*)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    if (response.status !== 200 || !cookie) throw new Error(`login of ${name}: ${response.status}`);
    return banksClient(appliance.base, `cozy_session=${cookie}`);
  };
  const count = async (table: string) => Number((await appliance.database.client.execute(`select count(*) as n from ${table}`)).rows[0]!.n);
  return { appliance, owner, person, count };
}

export async function fixture(name: string): Promise<Uint8Array> {
  return Bun.file(join(FIXTURES, name)).bytes();
}

export interface OfxLine {
  date: string;
  amountMinor: number;
  name: string;
  fitid: string;
  memo?: string;
}

/** An OFX 1.x statement of one account, written the way French banks do. */
export function makeOfx(accountId: string, lines: OfxLine[], closing?: { date: string; amountMinor: number }): string {
  const compact = (date: string) => date.replaceAll("-", "");
  const amount = (minor: number) => `${minor < 0 ? "-" : ""}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, "0")}`;
  const body = lines
    .map((line) => `<STMTTRN>\n<TRNTYPE>${line.amountMinor < 0 ? "DEBIT" : "CREDIT"}\n<DTPOSTED>${compact(line.date)}\n<TRNAMT>${amount(line.amountMinor)}\n<FITID>${line.fitid}\n<NAME>${line.name}\n${line.memo ? `<MEMO>${line.memo}\n` : ""}</STMTTRN>`)
    .join("\n");
  const ledger = closing ? `<LEDGERBAL>\n<BALAMT>${amount(closing.amountMinor)}\n<DTASOF>${compact(closing.date)}\n</LEDGERBAL>\n` : "";
  return `OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20240101\n<LANGUAGE>FRA\n</SONRS>\n</SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n<STMTTRNRS>\n<TRNUID>0\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n<BANKID>30004\n<BRANCHID>00123\n<ACCTID>${accountId}\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n${body}\n</BANKTRANLIST>\n${ledger}</STMTRS>\n</STMTTRNRS>\n</BANKMSGSRSV1>\n</OFX>\n`;
}
