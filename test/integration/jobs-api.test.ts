// The background-work API of the real appliance: summary, failures, retry,
// live events, and bad input.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PermanentJobError, type JobsSummary } from "../../appliance/src/jobs";
import { setupOwner, startTestAppliance, type TestAppliance } from "../helpers/appliance";

let box: TestAppliance;
let cookie: string;
let thumbCalls = 0;
interface ThumbPayload {
  corrupt: boolean;
  name?: string;
  userId?: number;
}

beforeAll(async () => {
  box = await startTestAppliance();
  cookie = await setupOwner(box.base);
  // A kind of this test's own, registered as media registers its kinds: a first attempt fails for good.
  box.jobs.register("test.thumbs", async (payload: ThumbPayload) => {
    thumbCalls += 1;
    if (payload.corrupt && thumbCalls === 1) throw new PermanentJobError("The JPEG ends after 512 bytes");
  }, { describe: async (payload: ThumbPayload) => ({ label: `/Photos/${payload.name}`, userId: payload.userId }) });
});
afterAll(() => box.dispose());

const get = (path: string) => fetch(`${box.base}${path}`, { headers: { cookie } });
const post = (path: string) => fetch(`${box.base}${path}`, { method: "POST", headers: { cookie } });

async function failOne(userId = 1): Promise<number> {
  await box.jobs.enqueue({ kind: "test.thumbs", subject: "file:1", payload: { corrupt: true, name: "broken.jpg", userId } });
  await box.jobs.idle();
  const { failures } = (await (await get("/api/jobs/failures?kind=test.thumbs")).json()) as { failures: { id: number }[] };
  return failures[0]!.id;
}

describe("summary and failures", () => {
  test("a failure is listed with its reason, in the summary and the failures list; retry runs it again", async () => {
    const id = await failOne();
    const summary = (await (await get("/api/jobs/summary")).json()) as JobsSummary;
    expect(summary.kinds.find((k) => k.kind === "test.thumbs")).toMatchObject({ failed: 1, queued: 0, running: 0 });
    expect(summary.workers).toBeGreaterThanOrEqual(1);
    expect(summary.maxTemperatureC).toBe(80);
    const list = await (await get("/api/jobs/failures")).json();
    expect(list.failures).toContainEqual(expect.objectContaining({ id, kind: "test.thumbs", subject: "file:1", label: "/Photos/broken.jpg", reason: "The JPEG ends after 512 bytes" }));

    expect((await post(`/api/jobs/${id}/retry`)).status).toBe(204);
    await box.jobs.idle();
    expect(thumbCalls).toBe(2);
    const after = (await (await get("/api/jobs/summary")).json()) as JobsSummary;
    expect(after.kinds.find((k) => k.kind === "test.thumbs")).toMatchObject({ failed: 0, doneLastHour: 1 });
    // Retrying it again: it is done, not failed.
    const again = await post(`/api/jobs/${id}/retry`);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("job_not_failed");
  });

  test("retry-failed queues every failure of a kind again and says how many; another person's file name is not shown", async () => {
    thumbCalls = 0;
    await failOne(999);
    expect((await (await get("/api/jobs/failures")).json()).failures).toMatchObject([{ subject: "file:1", label: null }]);
    const response = await post("/api/jobs/retry-failed?kind=test.thumbs");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ retried: 1 });
    await box.jobs.idle();
    expect((await (await get("/api/jobs/failures")).json()).failures).toEqual([]);
    expect(await (await post("/api/jobs/retry-failed")).json()).toEqual({ retried: 0 });
  });
});

describe("labels", () => {
  test("a failed job about a file is shown with the file's path when its kind does not describe it", async () => {
    const put = await fetch(`${box.base}/api/files/content?path=${encodeURIComponent("/todo.txt")}`, { method: "PUT", headers: { cookie }, body: "milk" });
    expect(put.status).toBe(201);
    const { id } = (await put.json()) as { id: number };
    box.jobs.register("test.extract", async () => {
      throw new PermanentJobError("pdftotext timed out");
    });
    await box.jobs.enqueue({ kind: "test.extract", subject: `file:${id}` });
    await box.jobs.enqueue({ kind: "test.extract", subject: "file:987654" });
    await box.jobs.idle();
    const { failures } = (await (await get("/api/jobs/failures?kind=test.extract")).json()) as { failures: { subject: string; label: string | null }[] };
    expect(failures.map(({ subject, label }) => ({ subject, label })).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual([
      { subject: `file:${id}`, label: "/todo.txt" },
      { subject: "file:987654", label: null },
    ].sort((a, b) => a.subject.localeCompare(b.subject)));
  });
});

describe("live events", () => {
  test("the events stream answers text/event-stream with a summary at once, then the changes", async () => {
    const controller = new AbortController();
    const response = await fetch(`${box.base}/api/jobs/events`, { headers: { cookie, accept: "text/event-stream" }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toStartWith("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    const doneOf = () =>
      [...text.matchAll(/^event: summary\ndata: (.*)$/gm)].map((m) => (JSON.parse(m[1]!) as JobsSummary).kinds.find((k) => k.kind === "test.thumbs")?.doneLastHour ?? 0);
    await readUntil("event: summary\ndata: ");
    const before = doneOf()[0]!;
    await box.jobs.enqueue({ kind: "test.thumbs", subject: "file:live", payload: { corrupt: false } });
    // A later summary counts the job as done, without the page asking.
    while (!doneOf().includes(before + 1)) text += decoder.decode((await reader.read()).value);
    controller.abort();
  });
});

describe("bad input", () => {
  test("signed-out callers get 401 on every jobs route", async () => {
    for (const [method, path] of [["GET", "/api/jobs/summary"], ["GET", "/api/jobs/failures"], ["GET", "/api/jobs/events"], ["POST", "/api/jobs/1/retry"], ["POST", "/api/jobs/retry-failed"]]) {
      expect((await fetch(`${box.base}${path!}`, { method })).status).toBe(401);
    }
  });

  test("the events stream asked for without Accept: text/event-stream is 406, not a request that never ends", async () => {
    const response = await get("/api/jobs/events");
    expect(response.status).toBe(406);
    expect((await response.json()).error.code).toBe("not_acceptable");
  });

  test("an unknown job id is 404", async () => {
    const response = await post("/api/jobs/987654/retry");
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  test("malformed ids are 422", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "1e400", "99999999999999999999", "%00"]) {
      const response = await post(`/api/jobs/${id}/retry`);
      expect({ id, status: response.status }).toEqual({ id, status: 422 });
    }
  });

  test("a malformed kind filter is 422, an unknown one just finds nothing", async () => {
    for (const kind of ["Bad Kind", "x".repeat(65), "a;drop table jobs", "%00"]) {
      expect((await get(`/api/jobs/failures?kind=${encodeURIComponent(kind)}`)).status).toBe(422);
      expect((await post(`/api/jobs/retry-failed?kind=${encodeURIComponent(kind)}`)).status).toBe(422);
    }
    expect(await (await get("/api/jobs/failures?kind=nobody.knows")).json()).toEqual({ failures: [] });
  });

  test("the routes are in the OpenAPI document", async () => {
    const spec = (await (await get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { summary?: string }>> };
    for (const [path, method] of [["/api/jobs/summary", "get"], ["/api/jobs/failures", "get"], ["/api/jobs/{id}/retry", "post"], ["/api/jobs/retry-failed", "post"], ["/api/jobs/events", "get"]]) {
      expect(spec.paths[path!]?.[method!]?.summary).toBeString();
    }
  });
});

describe("shutdown", () => {
  test("stopping the appliance ends open event streams instead of waiting for them", async () => {
    const other = await startTestAppliance();
    const otherCookie = await setupOwner(other.base);
    const response = await fetch(`${other.base}/api/jobs/events`, { headers: { cookie: otherCookie, accept: "text/event-stream" } });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toStartWith("event: summary\n");
    await other.dispose();
    let ended = false;
    while (!ended) ended = (await reader.read().catch(() => ({ done: true }))).done;
    expect(ended).toBe(true);
  });
});
