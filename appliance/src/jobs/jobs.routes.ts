import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { AppError } from "../shared/errors";
import { failedJobDto, jobsSummaryDto, type JobsSummary, type FailedJobDto } from "./jobs.model";
import type { SummaryFeed } from "./jobs.events";

export interface JobsRouteService {
  summary(): Promise<JobsSummary>;
  failures(kind: string | undefined, viewerId: number): Promise<FailedJobDto[]>;
  retry(id: number): Promise<void>;
  retryFailed(kind?: string): Promise<number>;
  feed: SummaryFeed;
}

class NotAcceptableError extends AppError {
  constructor() {
    super(406, "not_acceptable", "This is a stream of server-sent events: ask for text/event-stream (EventSource does).");
  }
}

const kindQuery = t.Object({ kind: t.Optional(t.String({ pattern: "^[a-z][a-z0-9_.-]{0,63}$", maxLength: 64 })) });

export function jobsRoutes(service: JobsRouteService, guard: ReturnType<typeof authGuard>) {
  return new Elysia({ prefix: "/api/jobs", tags: ["jobs"] })
    .use(guard)
    .get("/summary", () => service.summary(), {
      response: { 200: jobsSummaryDto },
      detail: { summary: "Background work: the backlog of each kind of job, its rate, and whether heavy work waits for the SoC to cool" },
    })
    .get("/failures", async ({ auth, query }) => ({ failures: await service.failures(query.kind, signedIn(auth).user.id) }), {
      query: kindQuery,
      response: { 200: t.Object({ failures: t.Array(failedJobDto) }) },
      detail: { summary: "Jobs that failed for good (all, or of one kind), with their reason, newest first" },
    })
    .post("/:id/retry", async ({ params, set }) => {
      await service.retry(params.id);
      set.status = 204;
    }, {
      params: t.Object({ id: t.Numeric({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 }) }),
      detail: { summary: "Queue a failed job again (404: no such job; 409: the job has not failed)" },
    })
    .post("/retry-failed", async ({ query }) => ({ retried: await service.retryFailed(query.kind) }), {
      query: kindQuery,
      response: { 200: t.Object({ retried: t.Integer() }) },
      detail: { summary: "Queue every failed job (all, or of one kind) again" },
    })
    .get("/events", ({ request }) => {
      // A stream never ends: a client that did not ask for one (a script fetching every route) is told so instead of hanging.
      if (!(request.headers.get("accept") ?? "").includes("text/event-stream")) throw new NotAcceptableError();
      return new Response(service.feed.open(request.signal), {
        headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" },
      });
    }, {
      detail: {
        summary: "Server-sent events (send Accept: text/event-stream, as EventSource does; else 406): a `summary` event (as GET /api/jobs/summary) at once and on every change, at most about twice a second",
      },
    });
}
