// A realistic bank history for `make bench`: 20 accounts, 100,000
// transactions over 5 years, written as one OFX 1.x file (one statement per
// account), the way a bank's "download everything" button gives it.
import { createWriteStream } from "node:fs";

const MERCHANTS = [
  "CB CARREFOUR MARKET", "CB MONOPRIX", "CB BOULANGERIE PAUL", "PRLV SEPA ENGIE", "PRLV SEPA EDF", "PRLV FREE MOBILE", "CB SNCF", "CB RATP",
  "CB AMAZON EU", "CB FNAC", "CB PHARMACIE DU CENTRE", "PRLV MUTUELLE GENERALE", "VIR CPAM PARIS", "CB TOTAL ENERGIES", "CB LEROY MERLIN",
  "CB IKEA", "CB DECATHLON", "CB CINEMA UGC", "CB RESTAURANT LE PETIT", "RETRAIT DAB", "PRLV NETFLIX", "PRLV SPOTIFY", "CB PICARD", "CB LIDL",
];

/** A small deterministic generator: the same history on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function amountText(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function statement(account: number, count: number, next: () => number): string {
  const start = Date.UTC(2020, 0, 1);
  const days = 5 * 365;
  const lines: string[] = [];
  let balance = 0;
  for (let i = 0; i < count; i++) {
    const date = new Date(start + Math.floor((i / count) * days) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    const salary = i % 40 === 0;
    const minor = salary ? 250_000 + Math.floor(next() * 50_000) : -Math.floor(100 + next() * 15_000);
    balance += minor;
    const name = salary ? "VIR SALAIRE ACME SAS" : MERCHANTS[Math.floor(next() * MERCHANTS.length)]!;
    lines.push(`<STMTTRN>\n<TRNTYPE>${minor < 0 ? "DEBIT" : "CREDIT"}\n<DTPOSTED>${date}\n<TRNAMT>${amountText(minor)}\n<FITID>${account}-${i}\n<NAME>${name}\n</STMTTRN>`);
  }
  const acctId = String(10_000_000_000 + account);
  return `<STMTTRNRS>\n<TRNUID>${account}\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<STMTRS>\n<CURDEF>EUR\n<BANKACCTFROM>\n<BANKID>30004\n<BRANCHID>00123\n<ACCTID>${acctId}\n<ACCTTYPE>CHECKING\n</BANKACCTFROM>\n<BANKTRANLIST>\n<DTSTART>20200101\n<DTEND>20241231\n${lines.join("\n")}\n</BANKTRANLIST>\n<LEDGERBAL>\n<BALAMT>${amountText(balance)}\n<DTASOF>20241231\n</LEDGERBAL>\n</STMTRS>\n</STMTTRNRS>\n`;
}

/** Writes the history to `path`; returns how many transactions it holds. */
export async function writeHistoryOfx(path: string, accounts = 20, transactions = 100_000): Promise<number> {
  const out = createWriteStream(path);
  const next = random(42);
  out.write("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\nOLDFILEUID:NONE\nNEWFILEUID:NONE\n\n");
  out.write("<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<DTSERVER>20250101\n<LANGUAGE>FRA\n</SONRS>\n</SIGNONMSGSRSV1>\n<BANKMSGSRSV1>\n");
  const per = Math.floor(transactions / accounts);
  for (let account = 1; account <= accounts; account++) out.write(statement(account, per, next));
  out.write("</BANKMSGSRSV1>\n</OFX>\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return per * accounts;
}

function camtEntry(account: number, i: number, count: number, next: () => number): { xml: string; minor: number } {
  const start = Date.UTC(2020, 0, 1);
  const date = new Date(start + Math.floor((i / count) * 5 * 365) * 86_400_000).toISOString().slice(0, 10);
  const salary = i % 40 === 0;
  const minor = salary ? 250_000 + Math.floor(next() * 50_000) : -Math.floor(100 + next() * 15_000);
  const name = salary ? "ACME SAS" : MERCHANTS[Math.floor(next() * MERCHANTS.length)]!;
  const party = minor < 0 ? `<Cdtr><Nm>${name}</Nm></Cdtr>` : `<Dbtr><Nm>${name}</Nm></Dbtr>`;
  const xml =
    `<Ntry><Amt Ccy="EUR">${amountText(Math.abs(minor))}</Amt><CdtDbtInd>${minor < 0 ? "DBIT" : "CRDT"}</CdtDbtInd><Sts>BOOK</Sts>` +
    `<BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt><AcctSvcrRef>${account}-${i}</AcctSvcrRef>` +
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${minor < 0 ? "ICDT" : "RCDT"}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
    `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${account}-${i}</EndToEndId></Refs><RltdPties>${party}</RltdPties>` +
    `<RmtInf><Ustrd>${name} ${date}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
  return { xml, minor };
}

/** The same history as a CAMT.053.001.02 message (one Stmt per account), as an ISO 20022 bank sends it. */
export async function writeHistoryCamt(path: string, accounts = 20, transactions = 100_000): Promise<number> {
  const out = createWriteStream(path);
  const next = random(42);
  out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\n`);
  out.write(`<GrpHdr><MsgId>BENCH-1</MsgId><CreDtTm>2025-01-01T00:00:00</CreDtTm></GrpHdr>\n`);
  const per = Math.floor(transactions / accounts);
  for (let account = 1; account <= accounts; account++) {
    const iban = `FR76300040012300${String(10_000_000 + account).padStart(11, "0")}`;
    out.write(`<Stmt><Id>STMT-${account}</Id><CreDtTm>2025-01-01T00:00:00</CreDtTm><FrToDt><FrDtTm>2020-01-01T00:00:00</FrDtTm><ToDtTm>2024-12-31T23:59:59</ToDtTm></FrToDt>`);
    out.write(`<Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n`);
    const entries: string[] = [];
    let balance = 0;
    for (let i = 0; i < per; i++) {
      const entry = camtEntry(account, i, per, next);
      balance += entry.minor;
      entries.push(entry.xml);
    }
    const sign = balance < 0 ? "DBIT" : "CRDT";
    out.write(`<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amountText(Math.abs(balance))}</Amt><CdtDbtInd>${sign}</CdtDbtInd><Dt><Dt>2024-12-31</Dt></Dt></Bal>\n`);
    out.write(entries.join(""));
    out.write("</Stmt>\n");
  }
  out.write("</BkToCstmrStmt></Document>\n");
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return per * accounts;
}
