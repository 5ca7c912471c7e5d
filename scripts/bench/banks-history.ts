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
