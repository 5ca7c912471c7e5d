// Labels as words: what a rule looks for, what a suggested rule proposes, and
// which rule wins when several match; the built-in tree's fixed ids.
import { describe, expect, test } from "bun:test";
import { BUILTIN_CATEGORIES, FIRST_OWN_CATEGORY_ID, HEALTH_EXPENSES_ID, HEALTH_REIMBURSEMENTS_ID } from "../../appliance/src/banks/categories/builtin";
import { labelMatches, labelTokens, normalizeLabel, suggestPattern } from "../../appliance/src/banks/categories/labels";
import { RuleMatcher, type Rule } from "../../appliance/src/banks/categories/rules";

describe("normalized labels", () => {
  test("lower case, accents off, punctuation as spaces", () => {
    expect(normalizeLabel("PRLV SEPA ÉLECTRICITÉ DE FRANCE")).toBe("prlv sepa electricite de france");
    expect(normalizeLabel("  CB  L'ÉPICERIE*PARIS 12/03 ")).toBe("cb l epicerie paris 12 03");
    expect(normalizeLabel("ПЕРЕВОД Ивану")).toBe("перевод ивану");
  });

  test("classifier tokens drop dates, card numbers, references and single letters", () => {
    expect(labelTokens("CB CARREFOUR 12/03 4974XXXXXXXX1234")).toEqual(["cb", "carrefour"]);
    expect(labelTokens("PRLV SEPA ENGIE ECH/150324 ID EMETTEUR/FR12ZZZ123456")).toEqual(["prlv", "sepa", "engie", "ech", "id", "emetteur"]);
    expect(labelTokens("CARTE X XXXX 1234")).toEqual(["carte"]);
  });

  test("a rule's words match whole words in a row, not inside other words", () => {
    expect(labelMatches("prlv sepa engie 12", "engie")).toBe(true);
    expect(labelMatches("cb carrefour market 12 03", "carrefour market")).toBe(true);
    expect(labelMatches("cb carrefourmarket", "carrefour")).toBe(false);
    expect(labelMatches("cb market carrefour", "carrefour market")).toBe(false);
  });
});

describe("suggested patterns keep the merchant words", () => {
  test.each([
    ["PRLV SEPA ENGIE", "engie"],
    ["CB CARREFOUR 12/03", "carrefour"],
    ["VIR SALAIRE ACME", "salaire acme"],
    ["VIR SALAIRE ACME MARS 2024", "salaire acme"],
    ["PRLV SEPA FREE MOBILE ECH/150324 ID EMETTEUR/FR12ZZZ123456", "free mobile"],
    ["CB AMAZON EU SARL 4974XXXXXXXX1234 10/03", "amazon eu sarl"],
    ["PAIEMENT PAR CARTE X1234 LIDL 15/03", "lidl"],
    ["CARTE X4521 12/03 BOULANGERIE PAUL", "boulangerie paul"],
    ["VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE MARS /REF 123", "acme sas"],
    ["CB MONOPRIX PARIS 17 BATIGNOLLES CENTRE COMMERCIAL", "monoprix paris"],
    ["Prélèvement Mutuelle Générale", "mutuelle generale"],
    ["VIR INST RE 123456 M JEAN DUPONT", "jean dupont"],
    ["PRLV SEPA DIRECTION GENERALE DES FINANCES PUBLIQUES", "direction generale des finances"],
    ["123456789", "123456789"],
    ["VIR SEPA", "vir sepa"],
  ])("%s -> %s", (label, pattern) => {
    expect(suggestPattern(label)).toBe(pattern);
  });
});

describe("the most specific rule wins", () => {
  const rules: Rule[] = [
    { id: 1, pattern: "carrefour", sign: null, categoryId: 120 },
    { id: 2, pattern: "carrefour station", sign: null, categoryId: 140 },
    { id: 3, pattern: "amazon", sign: "debit", categoryId: 240 },
    { id: 4, pattern: "amazon", sign: "credit", categoryId: 182 },
    { id: 5, pattern: "sepa", sign: null, categoryId: 11 },
    { id: 6, pattern: "engie", sign: null, categoryId: 101 },
  ];
  const matcher = new RuleMatcher(rules);
  const best = (label: string, amount: number) => matcher.best(normalizeLabel(label), amount)?.id ?? null;

  test("the longest pattern", () => {
    expect(best("CB CARREFOUR 12/03", -100)).toBe(1);
    expect(best("CB CARREFOUR STATION 12/03", -100)).toBe(2);
    expect(best("PRLV SEPA ENGIE", -100)).toBe(6);
  });

  test("a signed rule only for its sign", () => {
    expect(best("AMAZON PAYMENTS", -100)).toBe(3);
    expect(best("AMAZON REMBOURSEMENT", 100)).toBe(4);
  });

  test("no rule: null", () => {
    expect(best("CB LIDL", -100)).toBeNull();
  });
});

describe("the built-in tree", () => {
  test("fixed ids below the first own id, unique ids and keys, parents before children", () => {
    const ids = BUILTIN_CATEGORIES.map((category) => category.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(BUILTIN_CATEGORIES.map((category) => category.key)).size).toBe(ids.length);
    expect(Math.max(...ids)).toBeLessThan(FIRST_OWN_CATEGORY_ID);
    for (const [index, category] of BUILTIN_CATEGORIES.entries()) {
      if (category.parentId !== null) expect(ids.indexOf(category.parentId)).toBeLessThan(index);
    }
  });

  test("has the categories the issue and the other Banks parts rely on", () => {
    const keys = new Set(BUILTIN_CATEGORIES.map((category) => category.key));
    for (const key of ["housing.rent", "housing.energy", "housing.water", "housing.insurance", "food.groceries", "food.restaurants", "transport.fuel", "transport.public", "transport.car", "health.expenses", "health.reimbursements", "income.salary", "income.other", "taxes", "leisure", "shopping", "telecom.phone", "telecom.internet", "bank.fees", "transfers"]) {
      expect(keys.has(key)).toBe(true);
    }
    expect(BUILTIN_CATEGORIES.find((category) => category.id === HEALTH_EXPENSES_ID)?.key).toBe("health.expenses");
    expect(BUILTIN_CATEGORIES.find((category) => category.id === HEALTH_REIMBURSEMENTS_ID)?.key).toBe("health.reimbursements");
  });
});
