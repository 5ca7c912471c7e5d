// A 200 MB OFX against the box's default limit (50 MB): refused with its size
// before a byte is stored, and the box keeps answering.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { startBanks, type BanksBox } from "./banks-fixtures";

const SIZE = 200 * 1024 * 1024;
const SLOW = 60_000;
let box: BanksBox;

beforeAll(async () => {
  box = await startBanks();
}, SLOW);
afterAll(() => box.appliance.dispose());

/** 200 MB of OFX made as it is sent (never all in memory), with its length declared as a browser would. */
function hugeOfx(): ReadableStream<Uint8Array> {
  const head = new TextEncoder().encode("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n");
  const line = new TextEncoder().encode("<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240301<TRNAMT>-12.50<FITID>x<NAME>CB CARREFOUR\n".padEnd(1024, " "));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= SIZE) return controller.close();
      const piece = sent === 0 ? head : line.subarray(0, Math.min(line.length, SIZE - sent));
      controller.enqueue(piece);
      sent += piece.length;
    },
  });
}

test("a 200 MB OFX is refused with 413 and its size, nothing stored, and the box still answers", async () => {
  const response = await fetch(`${box.appliance.base}/api/banks/imports?name=huge.ofx`, {
    method: "POST",
    headers: { cookie: box.owner.cookie, "content-length": String(SIZE) },
    body: hugeOfx(),
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("statement_too_large");
  expect(body.error.message).toContain(`${SIZE} bytes`);
  expect(await box.count("bank_imports")).toBe(0);
  expect(readdirSync(join(box.appliance.dataDir, "tmp")).filter((name) => name.startsWith("bank-"))).toEqual([]);
  expect((await box.owner.call("GET", "/accounts")).status).toBe(200);
}, SLOW);
