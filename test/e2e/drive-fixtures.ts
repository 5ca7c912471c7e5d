// Small, valid files for the Drive journey, made here rather than checked in.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(Bun.hash.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG with a soft diagonal gradient in the accent colours. */
export function png(width = 96, height = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      const mix = (x + y) / (width + height);
      rows.set([Math.round(15 + 200 * mix), Math.round(118 + 80 * (1 - mix)), Math.round(110 + 120 * mix)], row + 1 + x * 3);
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

/** A one-page PDF saying `text`, with a correct cross-reference table. */
export function pdf(text = 'Hello from CozyBox'): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Bytes that do not compress, so that a throttled upload takes a while. */
export function noise(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  crypto.getRandomValues(bytes.subarray(0, Math.min(size, 65536)));
  for (let at = 65536; at < size; at += 65536) bytes.copyWithin(at, 0, 65536);
  return bytes;
}

/** Writes a tree of files: { 'a/b.txt': bytes }. */
export async function writeTree(root: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Creates the owner on a fresh box and opens Drive. */
export async function setupOwnerAndOpenDrive(page: import('playwright-core').Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.waitForURL('**/setup');
  await page.getByLabel('Name').fill('alice');
  await page.getByLabel('Passphrase', { exact: true }).fill('amber kettle on the hill');
  await page.getByLabel('Passphrase again').fill('amber kettle on the hill');
  await page.getByRole('button', { name: 'Create the owner account' }).click();
  // Signing in lands in Drive.
  await page.waitForURL('**/drive');
  await page.getByRole('heading', { name: 'My files', level: 1 }).waitFor();
}
