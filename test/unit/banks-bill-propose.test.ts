// A bill proposed from its text (as pdftotext -layout prints it): which date,
// which figure, which vendor and type a person would have picked.
import { describe, expect, test } from "bun:test";
import { proposeBill } from "../../appliance/src/banks/bills/propose";
import { amountsIn } from "../../appliance/src/banks/bills/propose-amounts";
import { billDate, datesIn } from "../../appliance/src/banks/bills/propose-dates";
import { headingsOfBbox } from "../../appliance/src/banks/bills/propose.service";

const propose = (text: string, headings: string[] = []) => proposeBill({ text, headings: async () => headings });

describe("dates", () => {
  test.each([
    ["12/03/2026", "2026-03-12"],
    ["12.03.2026", "2026-03-12"],
    ["12-03-2026", "2026-03-12"],
    ["2026-03-12", "2026-03-12"],
    ["12 mars 2026", "2026-03-12"],
    ["1er avril 2026", "2026-04-01"],
    ["3 févr. 2026", "2026-02-03"],
    ["15 août 2026", "2026-08-15"],
    ["4 décembre 2025", "2025-12-04"],
    ["March 12, 2026", "2026-03-12"],
    ["Mar. 12 2026", "2026-03-12"],
    ["12 March 2026", "2026-03-12"],
    ["September 3rd, 2026", "2026-09-03"],
    ["12/03/26", "2026-03-12"],
  ])("%s is %s", (written, iso) => {
    expect(datesIn(`Date : ${written}`, "dmy").map((d) => d.iso)).toEqual([iso]);
  });

  test("an American bill writes the month first, unless the day cannot be a month", () => {
    expect(datesIn("03/04/2026", "mdy")[0]?.iso).toBe("2026-03-04");
    expect(datesIn("03/25/2026", "dmy")[0]?.iso).toBe("2026-03-25");
  });

  test("impossible dates, phone numbers and amounts are not dates", () => {
    expect(datesIn("31/02/2026 01.23.45.67.89 12,30 € 2026-13-01", "dmy")).toEqual([]);
  });

  test("the invoice date wins over the due date, the period and a birth date, even when they come first", () => {
    const lines = [
      "Période du 01/02/2026 au 28/02/2026",
      "Né le 04/07/1985",
      "Échéance : 27/03/2026        Date de facture : 12/03/2026",
    ];
    expect(billDate(lines, "dmy")).toBe("2026-03-12");
  });

  test("a label above its date names it", () => {
    expect(billDate(["À payer avant le 30/04/2026", "Invoice date", "April 2, 2026"], "dmy")).toBe("2026-04-02");
  });

  test("with no label, a date labelled only as another date is the last resort", () => {
    expect(billDate(["Échéance : 27/03/2026", "Merci de votre confiance"], "dmy")).toBe("2026-03-27");
    expect(billDate(["Pas de date ici"], "dmy")).toBeNull();
  });
});

describe("amounts", () => {
  test.each([
    ["54,20 €", 5420, "EUR"],
    ["1 234,56 €", 123456, "EUR"],
    ["1\u00a0234,56 EUR", 123456, "EUR"],
    ["1.234,56 €", 123456, "EUR"],
    ["$1,234.56", 123456, "USD"],
    ["€ 12.5", 1250, "EUR"],
    ["£7.99", 799, "GBP"],
    ["90 €", 9000, "EUR"],
    ["12,30", 1230, null],
    ["1'234.50 CHF", 123450, "CHF"],
    ["45 euros", 4500, "EUR"],
  ])("%s", (written, minor, currency) => {
    expect(amountsIn(`Total ${written}`, "dmy").map((a) => [a.minor, a.currency])).toEqual([[minor, currency]]);
  });

  test("percentages, dates, references and bare numbers are not amounts", () => {
    expect(amountsIn("TVA 20,00 %  le 12.03.2026  réf. 123456  412 kWh", "dmy")).toEqual([]);
  });
});

describe("a whole bill", () => {
  test("an energy bill: the amount to pay, not the subtotal, the tax or a line", async () => {
    const text = [
      "ENGIE",
      "Facture d’électricité                         Facture n° 3012 4455 66",
      "Date de facture : 12/03/2026                  Échéance : 27/03/2026",
      "Abonnement                                    18,42 €",
      "Total HT                                      75,43 €",
      "TVA 20 %                                      15,09 €",
      "Total TTC                                     90,52 €",
      "Déjà payé                                    120,00 €",
      "Montant à payer                               90,52 €",
    ].join("\n");
    expect(await propose(text)).toMatchObject({ vendor: "Engie", date: "2026-03-12", amountMinor: 9052, currency: "EUR", type: "energy" });
  });

  test("what is left to pay wins over the total, and the total including tax over a plain total", async () => {
    const text = "Total TTC    120,00 €\nTotal à payer    120,00 €\nAcompte versé    30,00 €\nReste à payer    90,00 €";
    expect((await propose(text)).amountMinor).toBe(9000);
    expect((await propose("Total    100,00 €\nTotal TTC    96,00 €")).amountMinor).toBe(9600);
    expect((await propose("Solde à régler : 12,00 €\nTotal 40,00 €")).amountMinor).toBe(1200);
    expect((await propose("Invoice total: £45.00\nSubtotal £37.50\nVAT £7.50")).amountMinor).toBe(4500);
  });

  test("the grand total is the largest of several totals", async () => {
    const text = "Facture\nTotal abonnement      20,00 €\nTotal options      5,00 €\nTotal      25,00 €\nSous-total     99,00 €";
    expect((await propose(text)).amountMinor).toBe(2500);
  });

  test("columns HT, TVA, TTC on the total's row: the last is the total", async () => {
    expect((await propose("Total   100,00   20,00   120,00 €")).amountMinor).toBe(12000);
  });

  test("an American bill in dollars reads 03/04/2026 as March 4", async () => {
    const text = "Acme Wireless Inc.\nInvoice date: 03/04/2026     Due date: 03/25/2026\nMonthly plan    $45.00\nAmount due     $1,051.21";
    expect(await propose(text)).toMatchObject({ vendor: "Acme Wireless Inc.", date: "2026-03-04", amountMinor: 105121, currency: "USD", type: "phone" });
  });

  test("a doctor is the vendor of a health bill, even when it names the health insurance", async () => {
    const text = "Dr Paul Lefèvre      Médecin généraliste\nTiers payant CPAM\nFeuille de soins du 2 mai 2026\nHonoraires    25,00 €";
    expect(await propose(text)).toMatchObject({ vendor: "Dr Paul Lefèvre", type: "health_costs", amountMinor: 2500, date: "2026-05-02" });
  });

  test("a health insurance statement is from Ameli", async () => {
    expect(await propose("Assurance Maladie\nRelevé de remboursements\nMontant remboursé 17,50 €")).toMatchObject({ vendor: "Ameli", type: "health_costs" });
  });

  test("a pharmacy is health; a box from a phone company is internet; a mobile plan is phone", async () => {
    expect((await propose("Pharmacie du Centre\nTotal 12,40 €")).type).toBe("health_costs");
    expect(await propose("Free SAS\nFreebox Pop - fibre\nTotal 29,99 €")).toMatchObject({ vendor: "Free", type: "internet" });
    expect(await propose("SFR\nForfait mobile 5 Go\nTotal 10,99 €")).toMatchObject({ vendor: "SFR", type: "phone" });
    expect(await propose("Bouygues Telecom\nForfait B&You\nTotal 15,99 €")).toMatchObject({ vendor: "Bouygues Telecom", type: "phone" });
    expect(await propose("TotalEnergies Électricité et Gaz\nTotal 61,00 €")).toMatchObject({ vendor: "TotalEnergies", type: "energy" });
  });

  test("linking's brand table names more vendors, by the name linking knows them by", async () => {
    expect(await propose("VEOLIA EAU\nFacture d'eau du 02/03/2026\nMontant à payer 41,20 €")).toMatchObject({ vendor: "Veolia", type: "other" });
    expect(await propose("Direction générale des Finances publiques\nAvis d'impôt\nMontant à payer 310,00 €")).toMatchObject({ vendor: "DGFiP", type: "tax" });
    expect(await propose("MAIF - Assureur militant\nAvis d'échéance\nTotal 212,40 €")).toMatchObject({ vendor: "MAIF", type: "insurance" });
    expect(await propose("Harmonie Mutuelle\nDécompte de remboursement\nMontant remboursé 12,00 €")).toMatchObject({ vendor: "Harmonie Mutuelle", type: "health_costs" });
  });

  test("a brand's common-word name, or a brand in the small print, names no vendor", async () => {
    expect((await propose("Le Jardin d'Alan\nFree delivery, total 12,00 €", [])).vendor).toBe("Le Jardin d'Alan");
    const footer = ["Boulangerie Martin SARL", ...Array.from({ length: 25 }, (_, i) => `Ligne ${i}`), "Paiement accepté : Apple Pay, SNCF chèques"].join("\n");
    expect((await propose(footer)).vendor).toBe("Boulangerie Martin SARL");
  });

  test("an unknown company is named by its legal form", async () => {
    const text = "Facture                 Dupont Plomberie SARL au capital de 10 000 €\nTotal TTC 240,00 €";
    expect(await propose(text)).toMatchObject({ vendor: "Dupont Plomberie SARL", type: "other" });
  });

  test("otherwise the largest heading names the vendor, and the words 'Invoice' or 'Facture' never do", async () => {
    expect((await propose("INVOICE\nLe Petit Atelier\nTotal 30,00 €", ["INVOICE", "Le Petit Atelier"])).vendor).toBe("Le Petit Atelier");
    expect((await propose("FACTURE\nLa Boulangerie\nTotal 3,00 €", [])).vendor).toBe("La Boulangerie");
  });

  test("the currency of an amount without one comes from the rest of the bill", async () => {
    expect(await propose("Montants en euros\nMontant à payer   54,20")).toMatchObject({ amountMinor: 5420, currency: "EUR" });
  });

  test("a text that says nothing proposes nothing", async () => {
    expect(await propose("")).toEqual({ vendor: null, date: null, amountMinor: null, currency: null, type: null, excerpt: null });
    expect(await propose("Bonjour\nÀ bientôt")).toMatchObject({ date: null, amountMinor: null, currency: null });
  });

  test("the excerpt is the start of the text, capped", async () => {
    const proposal = await propose(Array.from({ length: 100 }, (_, i) => `Ligne ${i} ${"x".repeat(80)}`).join("\n"));
    expect(proposal.excerpt?.startsWith("Ligne 0")).toBe(true);
    expect(proposal.excerpt!.length).toBeLessThanOrEqual(600);
  });
});

test("pdftotext -bbox words make lines, largest type first, from the top half of the page", () => {
  const word = (y: number, h: number, text: string) => `<word xMin="10.0" yMin="${y}.000000" xMax="20.0" yMax="${y + h}.000000">${text}</word>`;
  const page = `<page width="595.0" height="842.0">${word(40, 12, "Facture")}${word(80, 28, "Boulangerie")}${word(80, 28, "&amp; Fils")}${word(700, 40, "Footer")}</page>`;
  expect(headingsOfBbox(page)).toEqual(["Boulangerie & Fils", "Facture"]);
});
