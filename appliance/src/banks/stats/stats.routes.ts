// GET /api/banks/stats/*: the figures the Banks page draws (balance over time,
// spending per category and month) and the list's full length.
import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../../auth";
import { transactionsQuery } from "../banks.model";
import type { BanksStatsService } from "./stats.service";

export interface StatsRoutesDeps {
  stats: BanksStatsService;
  guard: ReturnType<typeof authGuard>;
}

const isoDate = t.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const amounts = t.Array(t.Union([t.Number(), t.Null()]));

const balancesDto = t.Object({
  step: t.Union([t.Literal("day"), t.Literal("week"), t.Literal("month")]),
  dates: t.Array(t.String()),
  accounts: t.Array(t.Object({ id: t.Number(), name: t.String(), currency: t.String(), source: t.Union([t.Literal("statement"), t.Literal("computed")]), values: amounts })),
  totals: t.Array(t.Object({ currency: t.String(), values: amounts })),
});

const spendingDto = t.Object({
  months: t.Array(t.String()),
  spending: t.Array(t.Object({ month: t.String(), categoryId: t.Union([t.Number(), t.Null()]), currency: t.String(), amountMinor: t.Number(), count: t.Number() })),
});

const countQuery = t.Omit(transactionsQuery, ["cursor", "limit"]);

export function statsRoutes({ stats, guard }: StatsRoutesDeps) {
  return new Elysia({ prefix: "/api/banks/stats", tags: ["banks"] })
    .use(guard)
    .get("/balances", async ({ auth, query }) => stats.balances(signedIn(auth).user.id, query), {
      query: t.Object({
        account: t.Optional(t.Numeric({ minimum: 1 })),
        from: t.Optional(isoDate),
        to: t.Optional(isoDate),
        step: t.Optional(t.Union([t.Literal("day"), t.Literal("week"), t.Literal("month")])),
      }),
      response: { 200: balancesDto },
      detail: { summary: "Balance over time per account and total per currency (minor units), anchored on statement balances; 5 years at most by default" },
    })
    .get("/spending", async ({ auth, query }) => stats.spending(signedIn(auth).user.id, query.months ?? 12, query.account, query.to), {
      query: t.Object({
        months: t.Optional(t.Numeric({ minimum: 1, maximum: 120 })),
        account: t.Optional(t.Numeric({ minimum: 1 })),
        /** The last month shown (YYYY-MM); default the month of the newest transaction. */
        to: t.Optional(t.String({ pattern: "^\\d{4}-(0[1-9]|1[0-2])$" })),
      }),
      response: { 200: spendingDto },
      detail: { summary: "Debits per month, category (null = uncategorized) and currency, in minor units" },
    })
    .get("/count", async ({ auth, query }) => {
      const categoryId = query.category === undefined ? undefined : query.category === "none" ? null : Number(query.category);
      const filters = { accountId: query.account, categoryId, from: query.from, to: query.to, minAmount: query.minAmount, maxAmount: query.maxAmount, text: query.q };
      return { count: await stats.count(signedIn(auth).user.id, filters) };
    }, {
      query: countQuery,
      response: { 200: t.Object({ count: t.Number() }) },
      detail: { summary: "How many transactions GET /api/banks/transactions lists with the same filters" },
    });
}
