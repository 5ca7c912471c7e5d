// Damaged statements (cut short, bytes overwritten, markup characters
// sprinkled in, a slice removed) are either read or refused with a
// StatementError naming where: never another exception, never a hang.
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseStatement, StatementError } from "../../appliance/src/banks/parsers";

const SOURCES = [
  join(import.meta.dir, "../../../shared/corpus/banks/ofx"),
  join(import.meta.dir, "../../../shared/corpus/banks/camt053"),
  join(import.meta.dir, "../fixtures/banks"),
];
const FRENCH_CSV = Buffer.from("Date;Libellé;Débit;Crédit\n01/02/2024;CAFÉ;4,50;\n03/02/2024;\"X;Y\";;12,00\n", "latin1");
const ROUNDS = 15;

/** A fixed sequence (same damage on every run), so a failure can be replayed. */
function sequence(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return limit > 0 ? state % limit : 0;
  };
}

function damage(original: Uint8Array, random: (limit: number) => number): Uint8Array {
  const bytes = new Uint8Array(original);
  const kind = random(4);
  if (kind === 0) return bytes.subarray(0, random(bytes.length));
  if (kind === 1) for (let count = 0; count < 5; count++) bytes[random(bytes.length)] = random(256);
  if (kind === 2) for (let count = 0; count < 5; count++) bytes[random(bytes.length)] = "<>&;\"'/\n".charCodeAt(random(8));
  if (kind === 3) {
    const [from, to] = [random(bytes.length), random(bytes.length)].sort((a, b) => a - b);
    return new Uint8Array([...bytes.subarray(0, from), ...bytes.subarray(to)]);
  }
  return bytes;
}

describe("damaged statements", () => {
  const inputs: [string, Uint8Array][] = SOURCES.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /\.(ofx|xml|qif)$/.test(name))
      .map((name): [string, Uint8Array] => [name, new Uint8Array(readFileSync(join(dir, name)))]),
  );
  inputs.push(["export.csv", new Uint8Array(FRENCH_CSV)]);

  test(`${ROUNDS} damaged copies of each of the ${inputs.length} files are read or refused cleanly`, () => {
    const random = sequence(20_24);
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, original] of inputs) {
        try {
          parseStatement(damage(original, random), name);
        } catch (error) {
          if (!(error instanceof StatementError)) throw new Error(`${name}, round ${round}: ${(error as Error).stack}`);
          expect(error.where.length).toBeGreaterThan(0);
          expect(error.reason.length).toBeGreaterThan(0);
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
