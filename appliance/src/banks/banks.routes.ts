import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../auth";
import { BadRequestError } from "../shared/errors";
import { chunksOf, jsonBody } from "../shared/http/body";
import type { BanksImportsService } from "./banks-imports.service";
import {
  accountsResponse,
  commitDto,
  importDto,
  previewRevisionBody,
  toAccountDto,
  toTransactionDto,
  transactionDto,
  transactionPatch,
  transactionsQuery,
  uploadQuery,
} from "./banks.model";
import type { BanksService } from "./banks.service";
import { exportStream } from "./export";
import { categoriesRoutes, type CategoriesService } from "./categories";
import { statsRoutes, type BanksStatsService } from "./stats";

/** The route prefix that takes statement uploads (streamed, with its own limit). */
export const BANKS_UPLOAD_PREFIX = "/api/banks/imports";

export interface BanksRoutesDeps {
  service: BanksService;
  imports: BanksImportsService;
  categories: CategoriesService;
  stats: BanksStatsService;
  guard: ReturnType<typeof authGuard>;
  now(): number;
}

const SMALL_BODY = 16 * 1024;
/** A preview revision may list many "unsure" ids to include. */
const REVISION_BODY = 512 * 1024;
const idParams = t.Object({ id: t.Numeric({ minimum: 1 }) });

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null) return null;
  if (!/^\d+$/.test(header)) throw new BadRequestError("bad_length", "Content-Length must be a number of bytes.");
  return Number(header);
}

/** A JSON body that may also be left out entirely (commit as previewed). */
function optionalJsonBody(limitBytes: number) {
  const parse = jsonBody(limitBytes);
  return async (context: { request: Request }) => {
    const empty = !context.request.headers.get("content-type") && (declaredLength(context.request) ?? 0) === 0;
    return empty ? {} : parse(context);
  };
}

function userOf(auth: Parameters<typeof signedIn>[0]): number {
  return signedIn(auth).user.id;
}

function importRoutes({ imports, guard }: BanksRoutesDeps) {
  return new Elysia({ prefix: BANKS_UPLOAD_PREFIX, tags: ["banks"] })
    .use(guard)
    .post("", async ({ auth, query, request, set }) => {
      set.status = 201;
      return imports.upload(userOf(auth), query.name ?? "statement", chunksOf(request), declaredLength(request), query.account);
    }, {
      parse: "none", query: uploadQuery, response: { 201: importDto },
      detail: { summary: "Upload a statement (OFX, QFX, QIF, CAMT.053, CSV) as the raw body: a preview, nothing imported yet" },
    })
    .get("/:id", async ({ auth, params }) => imports.get(userOf(auth), params.id), {
      params: idParams, response: { 200: importDto }, detail: { summary: "An import's preview and state" },
    })
    .patch("/:id", async ({ auth, params, body }) => imports.revise(userOf(auth), params.id, body), {
      params: idParams, parse: jsonBody(REVISION_BODY), body: previewRevisionBody, response: { 200: importDto },
      detail: { summary: "Correct a preview (CSV mapping, destination accounts, unsure transactions to include): a new preview" },
    })
    .post("/:id/commit", async ({ auth, params, body }) => imports.commit(userOf(auth), params.id, body), {
      params: idParams, parse: optionalJsonBody(REVISION_BODY), body: previewRevisionBody, response: { 200: commitDto },
      detail: { summary: "Import what the preview showed, in one transaction (409 if already committed)" },
    })
    .delete("/:id", async ({ auth, params, set }) => {
      await imports.cancel(userOf(auth), params.id);
      set.status = 204;
    }, { params: idParams, detail: { summary: "Cancel a preview" } });
}

export function banksRoutes(deps: BanksRoutesDeps) {
  return new Elysia({ name: "cozy.banks" }).use(readRoutes(deps)).use(importRoutes(deps)).use(categoriesRoutes({ service: deps.categories, guard: deps.guard })).use(statsRoutes(deps));
}

function readRoutes(deps: BanksRoutesDeps) {
  const { service, guard } = deps;
  return new Elysia({ prefix: "/api/banks", tags: ["banks"] })
    .use(guard)
    .get("/accounts", async ({ auth }) => {
      const { accounts, totals } = await service.accounts(userOf(auth));
      return { accounts: accounts.map(toAccountDto), totals };
    }, { response: { 200: accountsResponse }, detail: { summary: "Bank accounts with their balances, and totals per currency" } })
    .get("/transactions", async ({ auth, query }) => {
      const category = query.category === undefined ? undefined : query.category === "none" ? null : Number(query.category);
      const filters = { accountId: query.account, categoryId: category, from: query.from, to: query.to, minAmount: query.minAmount, maxAmount: query.maxAmount, text: query.q };
      const page = await service.transactions(userOf(auth), filters, query.cursor, query.limit ?? 100);
      return { transactions: page.transactions.map(toTransactionDto), nextCursor: page.nextCursor };
    }, {
      query: transactionsQuery,
      response: { 200: t.Object({ transactions: t.Array(transactionDto), nextCursor: t.Union([t.String(), t.Null()]) }) },
      detail: { summary: "Transactions, newest first; filters (account, category, dates, amounts in minor units, text); keyset paging with nextCursor" },
    })
    .patch("/transactions/:id", async ({ auth, params, body }) => toTransactionDto(await service.updateTransaction(userOf(auth), params.id, body)), {
      params: idParams, parse: jsonBody(SMALL_BODY), body: transactionPatch, response: { 200: transactionDto },
      detail: { summary: "Change a transaction's note or category" },
    })
    .get("/export", async ({ auth, query }) => {
      const source = await service.exportSource(userOf(auth), query.account);
      const type = query.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ofx";
      return new Response(exportStream(query.format, source, new Date(deps.now())), {
        headers: { "content-type": type, "content-disposition": `attachment; filename="transactions.${query.format}"`, "cache-control": "no-store" },
      });
    }, {
      query: t.Object({ format: t.Union([t.Literal("csv"), t.Literal("ofx")]), account: t.Optional(t.Numeric({ minimum: 1 })) }),
      detail: { summary: "Export transactions as CSV or OFX (streamed)" },
    });
}
