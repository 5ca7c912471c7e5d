// A household's Drive, made up for the search benchmark: camera photos in
// dated folders, bills and statements, notes and letters, some with text;
// and the as-you-type queries a person would send against it. Deterministic
// (seeded), so two runs measure the same work.

export interface BenchFile {
  path: string;
  folder: string;
  name: string;
  kind: "file" | "folder";
  mime: string;
  mtime: number;
  body?: string;
}

const WORDS = (
  "facture électricité gaz eau internet téléphone loyer assurance habitation voiture santé mutuelle remboursement " +
  "impôts avis déclaration revenus salaire bulletin paie banque relevé compte épargne crédit prêt devis travaux " +
  "toiture cuisine salle bain jardin vacances été hiver printemps automne noël anniversaire mariage naissance école " +
  "cantine inscription certificat médical ordonnance pharmacie dentiste opticien vétérinaire chat chien voyage train " +
  "avion billet hôtel réservation location appartement maison notaire acte vente achat garantie contrat résiliation " +
  "invoice receipt statement tax return payslip insurance policy lease agreement warranty manual recipe notes meeting " +
  "report budget plan project draft letter resume passport identity card driving licence birth certificate holiday " +
  "beach mountain lake forest city museum concert family friends birthday wedding party christmas school homework " +
  "bretagne normandie paris lyon marseille bordeaux nantes lille toulouse grenoble annecy biarritz corse alsace " +
  "edf engie orange free sfr bouygues maif macif axa allianz ameli caf urssaf pôle emploi crédit agricole bnp"
).split(/\s+/);
const EXTENSIONS: [string, string][] = [["pdf", "application/pdf"], ["docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"], ["odt", "application/vnd.oasis.opendocument.text"], ["txt", "text/plain"], ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"], ["zip", "application/zip"]];
const YEAR_MS = 365.25 * 86_400_000;
const START = Date.UTC(2012, 0, 1);

/** mulberry32: a small seeded generator, enough for made-up data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function photo(next: () => number, i: number): BenchFile {
  const mtime = START + Math.floor(next() * 13 * YEAR_MS);
  const d = new Date(mtime);
  const folder = `/Photos/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}`;
  const name = `IMG_${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}_${pad(i % 1_000_000, 6)}.jpg`;
  return { path: `${folder}/${name}`, folder, name, kind: "file", mime: "image/jpeg", mtime };
}

function document(next: () => number, i: number): BenchFile {
  const mtime = START + Math.floor(next() * 13 * YEAR_MS);
  const year = new Date(mtime).getUTCFullYear();
  const [ext, mime] = pick(next, EXTENSIONS);
  const words = Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(next, WORDS));
  const name = `${words.join(next() < 0.5 ? "-" : " ")} ${year} (${i}).${ext}`;
  const folder = `/Documents/${pick(next, WORDS)}/${year}`;
  const body = next() < 0.25 ? Array.from({ length: 60 + Math.floor(next() * 140) }, () => pick(next, WORDS)).join(" ") : undefined;
  return { path: `${folder}/${name}`, folder, name, kind: "file", mime, mtime, body };
}

/** `count` files, 45 % photos and 55 % documents (a quarter of those with text), plus the folders they live in. */
export function generateCorpus(count: number): BenchFile[] {
  const next = random(42);
  const out: BenchFile[] = [];
  const folders = new Set<string>();
  for (let i = 0; out.length + folders.size < count; i++) {
    const file = next() < 0.45 ? photo(next, i) : document(next, i);
    out.push(file);
    for (let folder = file.folder; folder !== "/" && !folders.has(folder); folder = folder.slice(0, folder.lastIndexOf("/")) || "/") folders.add(folder);
  }
  const folderRows = [...folders].sort().map((path): BenchFile => {
    const cut = path.lastIndexOf("/");
    return { path, folder: path.slice(0, cut) || "/", name: path.slice(cut + 1), kind: "folder", mime: "inode/directory", mtime: START };
  });
  return [...folderRows, ...out].slice(0, count);
}

/** What people type, one keystroke at a time: one to three words, the last one often unfinished. */
export function queriesFrom(corpus: BenchFile[], count: number): string[] {
  const next = random(7);
  const queries: string[] = [];
  while (queries.length < count) {
    const words = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, WORDS).normalize("NFD").replace(/\p{M}/gu, ""));
    if (next() < 0.15) words.push(String(2012 + Math.floor(next() * 13)));
    const last = words.pop()!;
    const typed = last.slice(0, Math.max(2, Math.ceil(next() * last.length)));
    queries.push([...words, typed].join(" "));
  }
  return queries;
}
