// Bills as PDFs, written here byte by byte (never checked in): pages of
// positioned lines in Helvetica, WinAnsi-encoded so "é", "à" and "€" come out
// of pdftotext as a person reads them.
import { deflateSync } from "node:zlib";

export interface PdfLine {
  text: string;
  x?: number;
  y: number;
  size?: number;
}

const WIN_ANSI: Record<string, number> = { "€": 0x80, "’": 0x92, "–": 0x96, "—": 0x97, "œ": 0x9c, "Œ": 0x8c, "…": 0x85, "\u202f": 0xa0 };

/** A PDF string literal's bytes (as latin1 characters): WinAnsi, with ( ) \ escaped. */
function literal(text: string): string {
  let out = "";
  for (const char of text) {
    const code = WIN_ANSI[char] ?? (char.charCodeAt(0) < 256 ? char.charCodeAt(0) : 0x3f);
    const byte = String.fromCharCode(code);
    out += byte === "(" || byte === ")" || byte === "\\" ? `\\${byte}` : byte;
  }
  return `(${out})`;
}

function pageStream(lines: PdfLine[]): string {
  return lines.map((line) => `BT /F1 ${line.size ?? 11} Tf ${line.x ?? 56} ${line.y} Td ${literal(line.text)} Tj ET`).join("\n");
}

/** Objects (1-based, in order) into a PDF with a correct cross-reference table. */
function assemble(objects: Array<string | Buffer>): Buffer {
  const parts: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof object === "string" ? Buffer.from(object, "latin1") : object, Buffer.from("\nendobj\n", "latin1")]);
    parts.push(part);
    length += part.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, "latin1"));
  return Buffer.concat(parts);
}

function streamObject(content: Buffer, compress: boolean): Buffer {
  const data = compress ? deflateSync(content, { level: 9 }) : content;
  const head = `<< /Length ${data.length}${compress ? " /Filter /FlateDecode" : ""} >>\nstream\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), data, Buffer.from("\nendstream", "latin1")]);
}

/**
 * An A4 PDF: one page per entry of `pages`; `repeatPages` makes that many
 * pages all showing the first page's content (cheap to write, long to read).
 */
export function billPdf(pages: PdfLine[][], options: { repeatPages?: number; rawContent?: Buffer } = {}): Buffer {
  const count = options.repeatPages ?? pages.length;
  const contents = options.rawContent ? [options.rawContent] : pages.map((lines) => Buffer.from(pageStream(lines), "latin1"));
  // 1 catalog, 2 pages, 3 font, 4.. contents, then the pages.
  const firstContent = 4;
  const firstPage = firstContent + contents.length;
  const kids = Array.from({ length: count }, (_, i) => `${firstPage + i} 0 R`).join(" ");
  const objects: Array<string | Buffer> = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ...contents.map((content) => streamObject(content, options.rawContent !== undefined)),
  ];
  for (let i = 0; i < count; i += 1) {
    const content = firstContent + Math.min(i, contents.length - 1);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
  }
  return assemble(objects);
}

/** Lines from the top of the page down, each `gap` points below the last; a line is "left|right" for two columns. */
export function laidOut(rows: Array<string | { text: string; size: number }>, top = 790, gap = 18): PdfLine[] {
  const lines: PdfLine[] = [];
  rows.forEach((row, i) => {
    const y = top - i * gap;
    const { text, size } = typeof row === "string" ? { text: row, size: 11 } : row;
    const [left, right] = text.split("|");
    if (left) lines.push({ text: left, x: 56, y, size });
    if (right) lines.push({ text: right, x: 400, y, size });
  });
  return lines;
}

/** An ENGIE electricity bill, in French. */
export const ENGIE_BILL = laidOut([
  { text: "ENGIE", size: 22 },
  "ENGIE SA - 1 place Samuel de Champlain - 92400 Courbevoie",
  "",
  "Facture d’électricité|Facture n° 3012 4455 66",
  "Date de facture : 12/03/2026|Échéance : 27/03/2026",
  "Période de consommation du 01/02/2026 au 28/02/2026",
  "",
  "Abonnement|18,42 €",
  "Consommation 412 kWh|72,10 €",
  "Total HT|75,43 €",
  "TVA 20 %|15,09 €",
  "Total TTC|90,52 €",
  "",
  "Montant à payer|90,52 €",
  "Prélevé le 27 mars 2026 sur votre compte",
]);

/** A doctor's invoice, in French, with a "1er" date written in words. */
export const DOCTOR_BILL = laidOut([
  { text: "Docteur Claire Martin", size: 16 },
  "Médecin généraliste - 12 rue des Lilas, 69003 Lyon",
  "",
  "Note d’honoraires",
  "Paris, le 1er avril 2026",
  "Patient : Alice Dupont, née le 04/07/1985",
  "Consultation G|26,50 €",
  "Total|26,50 €",
]);

/** An American phone bill, dates month first. */
export const US_PHONE_BILL = laidOut([
  { text: "Acme Wireless Inc.", size: 18 },
  "Statement for account 4455-1200",
  "Invoice date: 03/04/2026|Due date: 03/25/2026",
  "Monthly plan|$45.00",
  "Taxes and fees|$6.21",
  "Amount due|$1,051.21",
]);

/** An Orange internet bill with a thousands separator and the label above its figure. */
export const ORANGE_BILL = laidOut([
  { text: "orange", size: 20 },
  "Orange SA - Livebox Fibre",
  "Facture du 5 janvier 2026",
  "Montant total à payer",
  "1 234,56 EUR",
]);
