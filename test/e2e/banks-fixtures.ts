// Statements for the Banks journey, written here (dated from today so the
// charts show recent months): an OFX 1.x of a checking account with a
// closing balance, and a French CSV (Windows-1252, semicolons, decimal
// commas, dd/mm/yyyy) of a savings account.

export interface Line {
  date: string;
  amountMinor: number;
  label: string;
  id: string;
}

const DAY_MS = 86_400_000;

/** The day `daysAgo` days before today, YYYY-MM-DD (UTC). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);
}

/** Four months of a household's checking account: salary, ENGIE every month, groceries, a pharmacy. */
export function checkingLines(): Line[] {
  const lines: Line[] = [];
  for (let month = 0; month < 4; month += 1) {
    const base = 120 - month * 30;
    lines.push({ date: daysAgo(base), amountMinor: 250_000, label: 'VIR SEPA SALAIRE ACME', id: `S${month}` });
    lines.push({ date: daysAgo(base - 3), amountMinor: -6_240, label: `PRLV SEPA ENGIE ENERGIE ${month + 1}`, id: `E${month}` });
    lines.push({ date: daysAgo(base - 5), amountMinor: -8_415 - month * 300, label: 'CB CARREFOUR MARKET', id: `C${month}` });
    lines.push({ date: daysAgo(base - 9), amountMinor: -2_390, label: 'CB PHARMACIE DU CENTRE', id: `P${month}` });
    lines.push({ date: daysAgo(base - 12), amountMinor: -95_000, label: 'PRLV LOYER AGENCE DUPONT', id: `L${month}` });
  }
  return lines.sort((a, b) => a.date.localeCompare(b.date));
}

function ofxAmount(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function ofxStatement(accountId: string, lines: Line[], closing: { date: string; amountMinor: number }): string {
  const compact = (date: string) => date.replaceAll('-', '');
  const body = lines
    .map((l) => `<STMTTRN>\n<TRNTYPE>${l.amountMinor < 0 ? 'DEBIT' : 'CREDIT'}\n<DTPOSTED>${compact(l.date)}\n<TRNAMT>${ofxAmount(l.amountMinor)}\n<FITID>${l.id}\n<NAME>${l.label}\n</STMTTRN>`)
    .join('\n');
  return [
    'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', 'SECURITY:NONE', 'ENCODING:USASCII', 'CHARSET:1252', 'COMPRESSION:NONE', 'OLDFILEUID:NONE', 'NEWFILEUID:NONE', '',
    '<OFX>', '<SIGNONMSGSRSV1>', '<SONRS>', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>', `<DTSERVER>${compact(closing.date)}`, '<LANGUAGE>FRA', '</SONRS>', '</SIGNONMSGSRSV1>',
    '<BANKMSGSRSV1>', '<STMTTRNRS>', '<TRNUID>0', '<STATUS>', '<CODE>0', '<SEVERITY>INFO', '</STATUS>', '<STMTRS>', '<CURDEF>EUR',
    '<BANKACCTFROM>', '<BANKID>30004', '<BRANCHID>00123', `<ACCTID>${accountId}`, '<ACCTTYPE>CHECKING', '</BANKACCTFROM>',
    '<BANKTRANLIST>', body, '</BANKTRANLIST>',
    '<LEDGERBAL>', `<BALAMT>${ofxAmount(closing.amountMinor)}`, `<DTASOF>${compact(closing.date)}`, '</LEDGERBAL>',
    '</STMTRS>', '</STMTTRNRS>', '</BANKMSGSRSV1>', '</OFX>', '',
  ].join('\n');
}

/** A French bank's CSV export, as bytes in Windows-1252 (é is one byte, 0xE9). */
export function frenchCsv(): Uint8Array {
  const rows = [
    [daysAgo(80), 'VIREMENT ÉPARGNE', '500,00'],
    [daysAgo(50), 'VIREMENT ÉPARGNE', '500,00'],
    [daysAgo(20), 'INTÉRÊTS', '12,34'],
    [daysAgo(10), 'VIREMENT ÉPARGNE', '500,00'],
  ].map(([date, label, amount]) => `${date!.slice(8, 10)}/${date!.slice(5, 7)}/${date!.slice(0, 4)};${label};${amount}`);
  const text = ['Date;Libellé;Montant', ...rows, ''].join('\r\n');
  return Uint8Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0xff) throw new Error(`not Latin-1: ${char}`);
    return code;
  });
}
