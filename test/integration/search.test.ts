// Search over a real appliance: files arriving through REST, WebDAV and the
// disk are found by name; moves, deletions and extracted text follow; what a
// person types is never FTS5 syntax; nobody finds another person's files.
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startDavBox, type DavBox } from "../dav/dav-client";
import { DriveClient, eventually, PNG_1X1 } from "../helpers/drive";

setDefaultTimeout(30_000);

interface Result {
  ref: string;
  kind: string;
  title: string;
  titleHtml: string;
  path: string | null;
  snippetHtml: string;
  score: number;
  date: number | null;
}

let box: DavBox;
let drive: DriveClient;

beforeAll(async () => {
  box = await startDavBox();
  drive = new DriveClient(box.box.base, box.cookie);
});
afterAll(() => box.box.dispose());

function searchUrl(params: Record<string, string>): string {
  return `${box.box.base}/api/search?${new URLSearchParams(params)}`;
}

async function searchResponse(params: Record<string, string>, cookie = box.cookie): Promise<Response> {
  await box.box.search.flush();
  return fetch(searchUrl(params), { headers: { cookie } });
}

async function search(q: string, params: Record<string, string> = {}, cookie = box.cookie): Promise<Result[]> {
  const response = await searchResponse({ q, ...params }, cookie);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Result[] }).results;
}

const paths = (results: Result[]) => results.map((result) => result.path).sort();

async function put(path: string, body: string | Uint8Array) {
  const response = await drive.put(path, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number };
}

describe("files are found by name, whatever door they came through", () => {
  test("a file uploaded with the REST API", async () => {
    await put("/Facture-électricité-mars.pdf", "%PDF-1.4 not really");
    const results = await search("facture");
    expect(paths(results)).toEqual(["/Facture-électricité-mars.pdf"]);
    expect(results[0]).toMatchObject({ kind: "document", title: "Facture-électricité-mars.pdf" });
    expect(results[0]?.titleHtml).toBe("<mark>Facture</mark>-électricité-mars.pdf");
  });

  test("a file put over WebDAV", async () => {
    expect((await box.dav("PUT", "/dav/Recette%20tarte%20tatin.txt", { body: "pommes" })).status).toBe(201);
    expect(paths(await search("tatin"))).toEqual(["/Recette tarte tatin.txt"]);
  });

  test("a file written straight to the disk (SMB, a USB copy)", async () => {
    const root = join(box.box.dataDir, "files", "alice");
    mkdirSync(join(root, "Disque"), { recursive: true });
    writeFileSync(join(root, "Disque", "carnet-de-bord.md"), "# notes");
    const found = await eventually(async () => paths(await search("carnet")).includes("/Disque/carnet-de-bord.md"), 15_000);
    expect(found).toBe(true);
    expect(paths(await search("disque"))).toEqual(["/Disque", "/Disque/carnet-de-bord.md"]);
  });

  test("accents do not matter and the last word matches as it is being typed", async () => {
    await put("/Été à Noël.txt", "x");
    expect(paths(await search("ete noel"))).toEqual(["/Été à Noël.txt"]);
    expect(paths(await search("NOË"))).toEqual(["/Été à Noël.txt"]);
    expect(paths(await search("électricité"))).toEqual(["/Facture-électricité-mars.pdf"]);
    // A finished word (followed by a space) is matched whole: "fact " is not "facture".
    expect(await search("fact ")).toEqual([]);
    expect(paths(await search("fact"))).toEqual(["/Facture-électricité-mars.pdf"]);
  });

  test("a name match ranks above a match in the folder's name", async () => {
    expect((await drive.mkdir("/Budget")).status).toBe(201);
    await put("/Budget/releve.csv", "x");
    await put("/budget-2025.ods", "x");
    const results = await search("budget");
    expect(results.map((result) => result.path)).toContain("/Budget/releve.csv");
    const file = results.findIndex((result) => result.path === "/budget-2025.ods");
    const inFolder = results.findIndex((result) => result.path === "/Budget/releve.csv");
    expect(file).toBeLessThan(inFolder);
  });
});

describe("the index follows moves and deletions", () => {
  test("a moved file is found under its new path only", async () => {
    await put("/bulletin-salaire-janvier.pdf", "x");
    expect((await drive.mkdir("/Paie")).status).toBe(201);
    expect((await drive.move("/bulletin-salaire-janvier.pdf", "/Paie/bulletin-salaire-janvier.pdf")).status).toBe(200);
    expect(paths(await search("bulletin"))).toEqual(["/Paie/bulletin-salaire-janvier.pdf"]);
  });

  test("a renamed folder carries everything under it", async () => {
    expect((await drive.mkdir("/Vacances/Bretagne", true)).status).toBe(201);
    await put("/Vacances/Bretagne/phare.png", PNG_1X1);
    await put("/Vacances/Bretagne/itinéraire.txt", "x");
    expect((await drive.move("/Vacances", "/Voyages")).status).toBe(200);
    expect(paths(await search("phare"))).toEqual(["/Voyages/Bretagne/phare.png"]);
    expect(paths(await search("itineraire"))).toEqual(["/Voyages/Bretagne/itinéraire.txt"]);
    expect(await search("vacances")).toEqual([]);
    expect(paths(await search("voyages"))).toEqual(["/Voyages", "/Voyages/Bretagne", "/Voyages/Bretagne/itinéraire.txt", "/Voyages/Bretagne/phare.png"]);
  });

  test("a deleted file is gone from the results", async () => {
    await put("/brouillon-lettre.txt", "x");
    expect(paths(await search("brouillon"))).toEqual(["/brouillon-lettre.txt"]);
    expect((await drive.remove("/brouillon-lettre.txt")).status).toBe(200);
    expect(await search("brouillon")).toEqual([]);
  });

  test("a deleted folder takes everything under it out of the results", async () => {
    expect((await drive.mkdir("/Archives/2019", true)).status).toBe(201);
    await put("/Archives/2019/impots-2019.pdf", "x");
    expect((await drive.remove("/Archives")).status).toBe(200);
    expect(await search("impots")).toEqual([]);
    expect(await search("archives")).toEqual([]);
  });

  test("a file restored from the Trash is found again, a copy under both paths", async () => {
    await put("/attestation-assurance.pdf", "x");
    const trashed = (await (await drive.remove("/attestation-assurance.pdf")).json()) as { id: number };
    expect(await search("attestation")).toEqual([]);
    expect((await drive.restore(trashed.id)).status).toBe(200);
    expect(paths(await search("attestation"))).toEqual(["/attestation-assurance.pdf"]);
    expect((await drive.copy("/attestation-assurance.pdf", "/attestation-copie.pdf")).status).toBe(201);
    expect(paths(await search("attestation"))).toEqual(["/attestation-assurance.pdf", "/attestation-copie.pdf"]);
  });

  test("a file deleted over WebDAV is gone too", async () => {
    expect((await box.dav("PUT", "/dav/ticket-cinema.txt", { body: "x" })).status).toBe(201);
    expect(paths(await search("cinema"))).toEqual(["/ticket-cinema.txt"]);
    expect((await box.dav("DELETE", "/dav/ticket-cinema.txt")).status).toBe(204);
    expect(await search("cinema")).toEqual([]);
  });
});

describe("what the media pipeline extracts is searchable", () => {
  test("a word only inside the body finds the file, marked in the snippet", async () => {
    const file = await put("/scan-0042.pdf", "%PDF");
    const [owner] = await box.box.auth.people();
    await box.box.search.setFileDetails(owner!.id, file.id, {
      kind: "document",
      body: "Avis d'imposition 2024. Montant à payer : 1 234 € <script>alert(1)</script> quittance",
    });
    const results = await search("quittance");
    expect(paths(results)).toEqual(["/scan-0042.pdf"]);
    expect(results[0]?.snippetHtml).toContain("<mark>quittance</mark>");
    // The document's own markup is text, never tags.
    expect(results[0]?.snippetHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(results[0]?.snippetHtml.replaceAll("<mark>", "").replaceAll("</mark>", "")).not.toContain("<");
  });

  test("photo metadata words and the date taken feed the search and its date filter", async () => {
    // A camera raw file: the media pipeline leaves it alone, so only these details describe it.
    const file = await put("/DSC_2041.orf", new Uint8Array([0, 159, 146, 150, 0, 1, 2, 255]));
    const [owner] = await box.box.auth.people();
    const taken = Date.UTC(2019, 6, 14, 10, 0);
    await box.box.search.setFileDetails(owner!.id, file.id, { kind: "photo", meta: "Canon EOS 5D Mark IV juillet July 2019", date: taken });
    const results = await search("canon");
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ path: "/DSC_2041.orf", kind: "photo", date: taken });
    expect(await search("canon", { from: String(Date.UTC(2020, 0, 1)) })).toEqual([]);
    expect(await search("canon", { from: String(Date.UTC(2019, 0, 1)), to: String(Date.UTC(2019, 11, 31)) })).toHaveLength(1);
    // A later rename keeps what media found.
    expect((await drive.move("/DSC_2041.orf", "/Bretagne-phare.orf")).status).toBe(200);
    expect(await search("canon")).toMatchObject([{ path: "/Bretagne-phare.orf", kind: "photo", date: taken }]);
  });

  test("a long text is kept up to its cap: words near the start are found, words far beyond it are not", async () => {
    const file = await put("/these-complete.pdf", "%PDF");
    const [owner] = await box.box.auth.people();
    const filler = "lorem ipsum dolor sit amet ".repeat(2_000);
    await box.box.search.setFileDetails(owner!.id, file.id, { body: `préambule ${filler} épilogue` });
    expect(paths(await search("preambule"))).toEqual(["/these-complete.pdf"]);
    expect(await search("epilogue")).toEqual([]);
  });

  test("details for a file that does not exist change nothing and do not fail", async () => {
    const [owner] = await box.box.auth.people();
    await box.box.search.setFileDetails(owner!.id, 987_654, { body: "fantome" });
    expect(await search("fantome")).toEqual([]);
  });
});

describe("filters", () => {
  test("by kind, one or several", async () => {
    await put("/rapport-annuel.pdf", "x");
    await put("/rapport-annuel.png", PNG_1X1);
    expect(paths(await search("rapport", { kind: "document" }))).toEqual(["/rapport-annuel.pdf"]);
    expect(paths(await search("rapport", { kind: "photo" }))).toEqual(["/rapport-annuel.png"]);
    expect(paths(await search("rapport", { kind: "photo,document" }))).toEqual(["/rapport-annuel.pdf", "/rapport-annuel.png"]);
    expect(await search("rapport", { kind: "video" })).toEqual([]);
  });

  test("limit caps the number of results", async () => {
    for (const n of [1, 2, 3, 4]) await put(`/releve-${n}.txt`, "x");
    expect(await search("releve", { limit: "2" })).toHaveLength(2);
  });
});

describe("the API description", () => {
  test("/api/openapi.json documents GET /api/search with its parameters and results", async () => {
    const response = await fetch(`${box.box.base}/api/openapi.json`, { headers: { cookie: box.cookie } });
    const spec = (await response.json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[]; responses?: Record<string, unknown> }>> };
    const operation = spec.paths["/api/search"]?.get;
    expect(operation).toBeDefined();
    expect(operation?.parameters?.map((parameter) => parameter.name).sort()).toEqual(["from", "kind", "limit", "q", "to"]);
    expect(JSON.stringify(operation?.responses?.["200"])).toContain("snippetHtml");
  });
});
