import { Elysia, t } from "elysia";
import { signedIn, type authGuard } from "../../auth";
import { jsonBody } from "../../shared/http/body";
import {
  categoryCreate,
  categoryDto,
  categoryPatch,
  ruleCreate,
  ruleCreated,
  ruleDto,
  ruleSuggestionDto,
  toCategoryDto,
  toRuleDto,
} from "./categories.model";
import type { CategoriesService } from "./categories.service";

const SMALL_BODY = 16 * 1024;
const idParams = t.Object({ id: t.Numeric({ minimum: 1 }) });

function userOf(auth: Parameters<typeof signedIn>[0]): number {
  return signedIn(auth).user.id;
}

interface RoutesDeps {
  service: CategoriesService;
  guard: ReturnType<typeof authGuard>;
}

/** Categories, rules and rule suggestions, under /api/banks. */
export function categoriesRoutes(deps: RoutesDeps) {
  return new Elysia({ name: "cozy.banks.categories" }).use(categoryRoutes(deps)).use(ruleRoutes(deps));
}

function categoryRoutes({ service, guard }: RoutesDeps) {
  return new Elysia({ prefix: "/api/banks", tags: ["banks"] })
    .use(guard)
    .get("/categories", async ({ auth }) => ({ categories: (await service.list(userOf(auth))).map(toCategoryDto) }), {
      response: { 200: t.Object({ categories: t.Array(categoryDto) }) },
      detail: { summary: "The built-in category tree and the person's own categories" },
    })
    .post("/categories", async ({ auth, body, set }) => {
      set.status = 201;
      return toCategoryDto(await service.create(userOf(auth), body));
    }, {
      parse: jsonBody(SMALL_BODY), body: categoryCreate, response: { 201: categoryDto },
      detail: { summary: "Add a category of one's own (under a built-in or an own one, or at the top)" },
    })
    .patch("/categories/:id", async ({ auth, params, body }) => toCategoryDto(await service.update(userOf(auth), params.id, body)), {
      params: idParams, parse: jsonBody(SMALL_BODY), body: categoryPatch, response: { 200: categoryDto },
      detail: { summary: "Rename or move one's own category (403 for a built-in one, 422 for a move under itself)" },
    })
    .delete("/categories/:id", async ({ auth, params, set }) => {
      await service.remove(userOf(auth), params.id);
      set.status = 204;
    }, {
      params: idParams,
      detail: { summary: "Delete one's own category: its transactions become uncategorized (409 while rules or subcategories use it)" },
    });
}

function ruleRoutes({ service, guard }: RoutesDeps) {
  return new Elysia({ prefix: "/api/banks", tags: ["banks"] })
    .use(guard)
    .get("/rules", async ({ auth }) => ({ rules: (await service.rules(userOf(auth))).map(toRuleDto) }), {
      response: { 200: t.Object({ rules: t.Array(ruleDto) }) },
      detail: { summary: "The person's categorization rules" },
    })
    .post("/rules", async ({ auth, body, set }) => {
      const { rule, applied, created } = await service.createRule(userOf(auth), body);
      set.status = created ? 201 : 200;
      return { rule: toRuleDto(rule), applied };
    }, {
      parse: jsonBody(SMALL_BODY), body: ruleCreate, response: { 200: ruleCreated, 201: ruleCreated },
      detail: { summary: "Add a rule (labels holding these words go to this category), applied at once to transactions not categorized by hand; 200 when it changed the category of an existing rule of the same words and sign" },
    })
    .delete("/rules/:id", async ({ auth, params, set }) => {
      await service.removeRule(userOf(auth), params.id);
      set.status = 204;
    }, { params: idParams, detail: { summary: "Delete a rule; the transactions it categorized are categorized again without it" } })
    .get("/transactions/:id/rule-suggestion", async ({ auth, params }) => service.suggestRule(userOf(auth), params.id), {
      params: idParams, response: { 200: ruleSuggestionDto },
      detail: { summary: "A rule for labels like this transaction's (merchant words, its sign) and how many other transactions it would recategorize" },
    });
}
