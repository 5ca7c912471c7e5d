// /api/banks/bills and /api/banks/links: bills (list, one with its links,
// create, delete), the links beside a page of transactions with their
// reimbursement status, a link made or removed by hand.
import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../../auth";
import { jsonBody } from "../../shared/http/body";
import { billBody, billDto, billsQuery, billWithLinksDto, linkBody, linksQuery, linksResponse, linkWithBillDto } from "./bills.model";
import type { BillsService } from "./bills.service";
import { parseTransactionIds, type LinksService } from "./links.service";

export interface BillsRoutesDeps {
  bills: BillsService;
  links: LinksService;
  guard: ReturnType<typeof authGuard>;
}

const SMALL_BODY = 16 * 1024;
const idParams = t.Object({ id: t.Numeric({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

function userOf(auth: Parameters<typeof signedIn>[0]): number {
  return signedIn(auth).user.id;
}

export function billsRoutes(deps: BillsRoutesDeps) {
  return new Elysia({ name: "cozy.banks.bills" }).use(billRoutes(deps)).use(linkRoutes(deps));
}

function billRoutes({ bills, guard }: BillsRoutesDeps) {
  return new Elysia({ prefix: "/api/banks/bills", tags: ["banks"] })
    .use(guard)
    .get("", async ({ auth, query }) => {
      const filters = { from: query.from, to: query.to, type: query.type, linked: query.linked === undefined ? undefined : query.linked === "true" };
      return bills.list(userOf(auth), filters, query.cursor, query.limit ?? 100);
    }, {
      query: billsQuery,
      response: { 200: t.Object({ bills: t.Array(billDto), nextCursor: t.Union([t.String(), t.Null()]) }) },
      detail: { summary: "Bills, newest first; filters (dates, type, linked to a transaction or not); keyset paging with nextCursor" },
    })
    .get("/:id", async ({ auth, params }) => bills.get(userOf(auth), params.id), {
      params: idParams, response: { 200: billWithLinksDto }, detail: { summary: "A bill with its links (made, by hand, or suggested)" },
    })
    .post("", async ({ auth, body, set }) => {
      const userId = userOf(auth);
      const row = await bills.create(userId, body);
      set.status = 201;
      const { links: _links, ...bill } = await bills.get(userId, row.id);
      return bill;
    }, {
      parse: jsonBody(SMALL_BODY), body: billBody, response: { 201: billDto },
      detail: {
        summary: "Create a bill (a document in Drive, or a connector's record); linking to its transaction follows in the background",
        description: "For an insurer's health statement, amountMinor is what it reimburses and originalAmountMinor/originalDate what was paid and when. " +
          "The same (source, sourceRef) answers the bill already made.",
      },
    })
    .delete("/:id", async ({ auth, params, set }) => {
      await bills.remove(userOf(auth), params.id);
      set.status = 204;
    }, { params: idParams, detail: { summary: "Delete a bill and its links (its document stays in Drive)" } });
}

function linkRoutes({ links, guard }: BillsRoutesDeps) {
  return new Elysia({ prefix: "/api/banks/links", tags: ["banks"] })
    .use(guard)
    .get("", async ({ auth, query }) => links.ofTransactions(userOf(auth), parseTransactionIds(query.transactionIds)), {
      query: linksQuery, response: { 200: linksResponse },
      detail: { summary: "The bills linked to (or suggested for) these transactions, and each health expense's reimbursement status" },
    })
    .post("", async ({ auth, body, set }) => {
      set.status = 201;
      return links.create(userOf(auth), body);
    }, {
      parse: jsonBody(SMALL_BODY), body: linkBody, response: { 201: linkWithBillDto },
      detail: { summary: "Link a bill to a transaction by hand (or accept a suggestion); linking never overrides it" },
    })
    .delete("/:id", async ({ auth, params, set }) => {
      await links.remove(userOf(auth), params.id);
      set.status = 204;
    }, { params: idParams, detail: { summary: "Remove a link: it is never made again by linking" } });
}
