// The benchmark's figures: each beside its floor (or anchor) measured in the
// same run, printed as a table and written to bench-results.json.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes";

export interface Figure {
  name: string;
  value: number;
  unit: string;
  floor: number | null;
  ratio: number | null;
  goal: string;
  met: boolean;
}

const figures: Figure[] = [];

export function record(name: string, value: number, unit: string, floor: number | null, goal: string, met: (ratio: number | null) => boolean) {
  const ratio = floor ? Math.round((value / floor) * 100) / 100 : null;
  figures.push({ name, value: Math.round(value * 10) / 10, unit, floor: floor === null ? null : Math.round(floor * 10) / 10, ratio, goal, met: met(ratio) });
  console.log(`  measured: ${name}: ${Math.round(value * 10) / 10} ${unit} (floor ${floor === null ? "-" : Math.round(floor * 10) / 10})`);
}

export function report(): void {
  console.log(`\nCozyBox benchmark (each figure beside its anchor, measured in the same run)\n`);
  for (const f of figures) {
    console.log(`${f.met ? "ok  " : "MISS"} ${f.name}: ${f.value} ${f.unit} | anchor ${f.floor ?? "-"} | ratio ${f.ratio ?? "-"} | goal ${f.goal}`);
  }
  const out = join(ROOT, "bench-results.json");
  writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), bun: Bun.version, figures }, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
}
