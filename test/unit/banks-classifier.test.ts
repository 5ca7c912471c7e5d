// The classifier as a person meets it: after categorizing some French bank
// labels by hand, new labels of the same merchants get the same categories,
// with the words that decided; unfamiliar or ambiguous ones stay uncategorized.
import { describe, expect, test } from "bun:test";
import { DEFAULT_THRESHOLD, featuresOf, NaiveBayes } from "../../appliance/src/banks/categories/classifier";

const ENERGY = 101;
const GROCERIES = 120;
const FUEL = 140;
const SALARY = 180;
const PHONE = 260;
const RESTAURANTS = 121;
const HEALTH = 160;
const REIMBURSED = 161;

/** What the person categorized by hand: [label, amount in minor units, category]. */
const MANUAL: [string, number, number][] = [
  ["PRLV SEPA ENGIE ECH/150324 ID EMETTEUR/FR12ZZZ123456", -8450, ENERGY],
  ["PRLV SEPA ENGIE ECH/150424 ID EMETTEUR/FR12ZZZ123456", -8450, ENERGY],
  ["PRLV SEPA EDF CLIENTS PARTICULIERS", -6200, ENERGY],
  ["CB CARREFOUR 12/03", -5430, GROCERIES],
  ["CB CARREFOUR MARKET 15/03", -2210, GROCERIES],
  ["CB LIDL 4974XXXXXXXX1234 18/03", -3120, GROCERIES],
  ["CB MONOPRIX PARIS 19/03", -1890, GROCERIES],
  ["CB TOTALENERGIES STATION 14/03", -6500, FUEL],
  ["CB ESSO SARAN 02/04", -7100, FUEL],
  ["VIR SALAIRE ACME MARS", 250000, SALARY],
  ["VIR SEPA RECU /DE ACME SAS /MOTIF SALAIRE AVRIL", 250000, SALARY],
  ["PRLV SEPA FREE MOBILE", -1999, PHONE],
  ["PRLV SEPA FREE MOBILE ECH/0504", -1999, PHONE],
  ["CB LE PETIT BISTROT 21/03", -3800, RESTAURANTS],
  ["CB PHARMACIE DU CENTRE 22/03", -1250, HEALTH],
  ["CB DR MARTIN MEDECIN 10/03", -2500, HEALTH],
  ["VIR CPAM PARIS REMBOURSEMENT", 1750, REIMBURSED],
];

function trained(): NaiveBayes {
  const model = new NaiveBayes();
  for (const [label, amount, category] of MANUAL) model.learn(featuresOf(label, amount), category);
  return model;
}

describe("naive Bayes on the person's manual choices", () => {
  const model = trained();

  test.each([
    ["PRLV SEPA ENGIE ECH/150524", -9100, ENERGY, "engie"],
    ["CB CARREFOUR CITY 02/05", -1530, GROCERIES, "carrefour"],
    ["CB LIDL 4974XXXXXXXX1234 03/05", -4410, GROCERIES, "lidl"],
    ["VIR SALAIRE ACME MAI", 251000, SALARY, "acme"],
    ["PRLV SEPA FREE MOBILE ECH/0506", -1999, PHONE, "free"],
    ["CB ESSO SARAN 20/05", -6800, FUEL, "esso"],
    ["CB PHARMACIE DE LA GARE 11/05", -990, HEALTH, "pharmacie"],
    ["VIR CPAM PARIS REMBOURSEMENT", 2300, REIMBURSED, "cpam"],
  ])("%s -> its merchant's category, saying which words weighed", (label, amount, category, word) => {
    const prediction = model.predict(featuresOf(label, amount));
    expect(prediction).not.toBeNull();
    expect(prediction!.categoryId).toBe(category);
    expect(prediction!.confidence).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(prediction!.confidence).toBeLessThanOrEqual(1);
    expect(prediction!.tokens).toContain(word);
    expect(prediction!.tokens.length).toBeLessThanOrEqual(3);
    // Words only: never a date, a card number or the sign feature.
    for (const token of prediction!.tokens) expect(token).toMatch(/^\p{L}+$/u);
  });

  test.each([
    ["PRLV SEPA ORANGE SA", -3999],
    ["CB 12/03", -500],
    ["VIR SEPA RECU", 10000],
    ["CB DECATHLON 05/05", -4599],
  ])("%s (no merchant word seen before) stays uncategorized", (label, amount) => {
    expect(model.predict(featuresOf(label, amount))).toBeNull();
  });

  test("a merchant the person filed under two categories as often is left uncategorized (below the threshold)", () => {
    const split = new NaiveBayes();
    split.learn(featuresOf("CB AUCHAN 01/03", -5000), GROCERIES);
    split.learn(featuresOf("CB AUCHAN 02/03", -6000), FUEL);
    split.learn(featuresOf("CB AUCHAN 03/03", -4000), GROCERIES);
    split.learn(featuresOf("CB AUCHAN 04/03", -7000), FUEL);
    expect(split.predict(featuresOf("CB AUCHAN 05/03", -5500))).toBeNull();
  });

  test("the amount's sign weighs: the same merchant word as a credit and a debit", () => {
    const signs = new NaiveBayes();
    for (let i = 0; i < 3; i++) signs.learn(featuresOf("AMAZON MARKETPLACE", -2500), 240);
    for (let i = 0; i < 3; i++) signs.learn(featuresOf("AMAZON MARKETPLACE", 2500), 182);
    expect(signs.predict(featuresOf("AMAZON MARKETPLACE", -1000))?.categoryId).toBe(240);
    expect(signs.predict(featuresOf("AMAZON MARKETPLACE", 1000))?.categoryId).toBe(182);
  });

  test("taking a manual choice back (recategorized by hand) moves the counts with it", () => {
    const changing = new NaiveBayes();
    const features = featuresOf("CB CASINO 01/03", -1000);
    changing.learn(features, GROCERIES);
    expect(changing.predict(featuresOf("CB CASINO 09/03", -1200))?.categoryId).toBe(GROCERIES);
    changing.learn(features, GROCERIES, -1);
    changing.learn(features, 223);
    expect(changing.predict(featuresOf("CB CASINO 09/03", -1200))?.categoryId).toBe(223);
    changing.learn(features, 223, -1);
    expect(changing.size).toBe(0);
    expect(changing.predict(features)).toBeNull();
  });

  test("the words shown put the merchant before the bank's jargon", () => {
    const prediction = model.predict(featuresOf("PRLV SEPA ENGIE", -9000));
    expect(prediction?.tokens[0]).toBe("engie");
  });

  test("an empty model predicts nothing", () => {
    expect(new NaiveBayes().predict(featuresOf("PRLV SEPA ENGIE", -100))).toBeNull();
  });
});
