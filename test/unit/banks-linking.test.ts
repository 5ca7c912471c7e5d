// Bill linking as the issue describes it, as a table of cases: bills,
// transactions and earlier links in; the links made or suggested out.
import { describe, expect, test } from "bun:test";
import { linkBills } from "../../appliance/src/banks/linking/engine";
import type { BillFact, LinkFact, ProposedLink, TransactionFact } from "../../appliance/src/banks/linking/types";

function bill(id: number, fields: Partial<BillFact> = {}): BillFact {
  return { id, vendor: "Engie", type: "energy", date: "2024-03-10", amountMinor: 8450, currency: "EUR", originalAmountMinor: null, originalDate: null, ...fields };
}

function debit(id: number, date: string, amountMinor: number, label: string, health = false): TransactionFact {
  return { id, date, amountMinor: -amountMinor, currency: "EUR", label, health };
}

function credit(id: number, date: string, amountMinor: number, label: string): TransactionFact {
  return { id, date, amountMinor, currency: "EUR", label, health: false };
}

/** "bill>transaction role state", sorted: what a person would see in the margin. */
function shown(links: ProposedLink[]): string[] {
  return links.map((link) => `${link.billId}>${link.transactionId} ${link.role} ${link.state}`).sort();
}

interface Case {
  name: string;
  bills: BillFact[];
  transactions: TransactionFact[];
  links?: LinkFact[];
  expected: string[];
}

// The national insurer's statement: 25.00 paid to a doctor on 5 March, 17.50 reimbursed on 20 March.
const cpam = bill(1, { vendor: "CPAM Paris", type: "health_costs", date: "2024-03-20", amountMinor: 1750, originalAmountMinor: 2500, originalDate: "2024-03-05" });
// The complementary insurer's statement for the same act: 7.50 more.
const mutuelle = bill(2, { vendor: "Harmonie Mutuelle", type: "health_costs", date: "2024-03-25", amountMinor: 750, originalAmountMinor: 2500, originalDate: "2024-03-05" });
const doctor = debit(101, "2024-03-05", 2500, "CB DR DUPONT 05/03", true);
const cpamCredit = credit(102, "2024-03-21", 1750, "VIR CPAM PARIS REMBT SOINS");
const mutuelleCredit = credit(103, "2024-03-26", 750, "VIR HARMONIE MUTUELLE PRESTATIONS");

const cases: Case[] = [
  { name: "exact amount, vendor in the brand table", bills: [bill(1)], transactions: [debit(101, "2024-03-13", 8450, "PRLV SEPA ENGIE")], expected: ["1>101 payment auto"] },
  { name: "15 days before the bill is inside the window", bills: [bill(1)], transactions: [debit(101, "2024-02-24", 8450, "PRLV SEPA ENGIE")], expected: ["1>101 payment auto"] },
  { name: "16 days before the bill is outside", bills: [bill(1)], transactions: [debit(101, "2024-02-23", 8450, "PRLV SEPA ENGIE")], expected: [] },
  { name: "29 days after the bill is inside the window", bills: [bill(1)], transactions: [debit(101, "2024-04-08", 8450, "PRLV SEPA ENGIE")], expected: ["1>101 payment auto"] },
  { name: "30 days after the bill is outside", bills: [bill(1)], transactions: [debit(101, "2024-04-09", 8450, "PRLV SEPA ENGIE")], expected: [] },
  { name: "a label of another vendor", bills: [bill(1)], transactions: [debit(101, "2024-03-12", 8450, "PRLV SEPA EDF")], expected: [] },
  { name: "one cent off", bills: [bill(1)], transactions: [debit(101, "2024-03-12", 8451, "PRLV SEPA ENGIE")], expected: [] },
  { name: "a credit of the amount is no payment", bills: [bill(1)], transactions: [credit(101, "2024-03-12", 8450, "ENGIE REMBOURSEMENT")], expected: [] },
  { name: "another currency", bills: [bill(1)], transactions: [{ ...debit(101, "2024-03-12", 8450, "PRLV SEPA ENGIE"), currency: "USD" }], expected: [] },
  {
    name: "a vendor the table does not know: its name as whole words",
    bills: [bill(1, { vendor: "Boulangerie Martin SARL", type: "other", amountMinor: 1240 })],
    transactions: [debit(101, "2024-03-10", 1240, "CB BOULANGERIE MARTINEZ"), debit(102, "2024-03-11", 1240, "CB BOULANGERIE MARTIN 11/03")],
    expected: ["1>102 payment auto"],
  },
  {
    name: "health expense reimbursed by the national insurer (CPAM)",
    bills: [cpam], transactions: [doctor, cpamCredit],
    expected: ["1>101 payment auto", "1>102 reimbursement auto"],
  },
  {
    name: "a health bill looks only among health debits",
    bills: [cpam], transactions: [{ ...doctor, health: false }, cpamCredit],
    expected: ["1>102 reimbursement auto"],
  },
  {
    name: "health expense reimbursed by the national and the complementary insurer",
    bills: [cpam, mutuelle], transactions: [doctor, cpamCredit, mutuelleCredit],
    expected: ["1>101 payment auto", "1>102 reimbursement auto", "2>101 payment auto", "2>103 reimbursement auto"],
  },
  {
    name: "partial reimbursement: the complementary insurer has not paid yet",
    bills: [cpam, mutuelle], transactions: [doctor, cpamCredit],
    expected: ["1>101 payment auto", "1>102 reimbursement auto", "2>101 payment auto"],
  },
  {
    name: "reimbursements of one expense never add up to more than it cost",
    bills: [cpam, { ...mutuelle, amountMinor: 1000 }], transactions: [doctor, cpamCredit, credit(103, "2024-03-26", 1000, "VIR HARMONIE MUTUELLE")],
    expected: ["1>101 payment auto", "1>102 reimbursement auto", "2>101 payment auto"],
  },
  {
    name: "a reimbursement credit from another insurer's label is not linked",
    bills: [cpam], transactions: [doctor, credit(102, "2024-03-21", 1750, "VIR MGEN PRESTATIONS")],
    expected: ["1>101 payment auto"],
  },
  {
    name: "two acts on one day paid by one card payment (grouped)",
    bills: [bill(1, { vendor: "Dr Martin", type: "health_costs", date: "2024-05-02", amountMinor: 2500 }), bill(2, { vendor: "Dr Martin", type: "health_costs", date: "2024-05-02", amountMinor: 3000 })],
    transactions: [debit(101, "2024-05-02", 5500, "CB DR MARTIN 02/05", true)],
    expected: ["1>101 payment auto", "2>101 payment auto"],
  },
  {
    name: "three orders paid at once, a fourth bill paid on its own",
    bills: [1999, 2999, 500, 4200].map((amountMinor, i) => bill(i + 1, { vendor: "Amazon", type: "shopping", date: "2024-07-01", amountMinor })),
    transactions: [debit(101, "2024-07-02", 5498, "CB AMAZON EU SARL"), debit(102, "2024-07-03", 4200, "CB AMAZON PAYMENTS")],
    expected: ["1>101 payment auto", "2>101 payment auto", "3>101 payment auto", "4>102 payment auto"],
  },
  {
    name: "the national insurer reimburses two acts with one credit (grouped reimbursement)",
    bills: [cpam, { ...cpam, id: 2, originalAmountMinor: 3000, originalDate: "2024-03-06", amountMinor: 2000 }],
    transactions: [doctor, debit(104, "2024-03-06", 3000, "CB DR MARTIN", true), credit(105, "2024-03-22", 3750, "VIR CPAM PARIS")],
    expected: ["1>101 payment auto", "1>105 reimbursement auto", "2>104 payment auto", "2>105 reimbursement auto"],
  },
  {
    name: "two debits as good as each other: both suggested, none made",
    bills: [bill(1, { vendor: "Free Mobile", type: "phone", date: "2024-06-10", amountMinor: 1999 })],
    transactions: [debit(101, "2024-06-08", 1999, "PRLV SEPA FREE MOBILE"), debit(102, "2024-06-12", 1999, "PRLV SEPA FREE MOBILE")],
    expected: ["1>101 payment suggested", "1>102 payment suggested"],
  },
  {
    name: "two identical bills for one debit: both suggested",
    bills: [bill(1), bill(2)], transactions: [debit(101, "2024-03-12", 8450, "PRLV SEPA ENGIE")],
    expected: ["1>101 payment suggested", "2>101 payment suggested"],
  },
  {
    name: "the nearer debit wins; monthly bills each find their own month",
    bills: [bill(1, { date: "2024-01-05" }), bill(2, { date: "2024-02-05" }), bill(3, { date: "2024-03-05" })],
    transactions: [debit(101, "2024-01-07", 8450, "PRLV ENGIE"), debit(102, "2024-02-03", 8450, "PRLV ENGIE"), debit(103, "2024-03-06", 8450, "PRLV ENGIE")],
    expected: ["1>101 payment auto", "2>102 payment auto", "3>103 payment auto"],
  },
  {
    name: "a link the person removed stays removed",
    bills: [bill(1)], transactions: [debit(101, "2024-03-13", 8450, "PRLV SEPA ENGIE")],
    links: [{ billId: 1, transactionId: 101, role: "payment", state: "removed", amountMinor: 8450 }],
    expected: [],
  },
  {
    name: "after a removal, the next best debit may still be linked",
    bills: [bill(1)], transactions: [debit(101, "2024-03-13", 8450, "PRLV SEPA ENGIE"), debit(102, "2024-03-20", 8450, "PRLV SEPA ENGIE")],
    links: [{ billId: 1, transactionId: 101, role: "payment", state: "removed", amountMinor: 8450 }],
    expected: ["1>102 payment auto"],
  },
  {
    name: "a link the person made is kept, and its debit is not given to another bill",
    bills: [bill(1), bill(2, { date: "2024-03-11" })],
    transactions: [debit(101, "2024-03-13", 8450, "PRLV SEPA ENGIE"), debit(102, "2024-04-01", 8450, "VIR A ENGIE")],
    links: [{ billId: 1, transactionId: 101, role: "payment", state: "manual", amountMinor: 8450 }],
    expected: ["2>102 payment auto"],
  },
  {
    name: "a made link is not made again",
    bills: [bill(1)], transactions: [debit(101, "2024-03-13", 8450, "PRLV SEPA ENGIE")],
    links: [{ billId: 1, transactionId: 101, role: "payment", state: "auto", amountMinor: 8450 }],
    expected: [],
  },
  {
    name: "reimbursements already linked count against the expense",
    bills: [{ ...mutuelle, amountMinor: 1000 }],
    linkedBills: [cpam],
    transactions: [doctor, credit(103, "2024-03-26", 1000, "VIR HARMONIE MUTUELLE")],
    links: [
      { billId: 1, transactionId: 101, role: "payment", state: "manual", amountMinor: 2500 },
      { billId: 1, transactionId: 102, role: "reimbursement", state: "auto", amountMinor: 1750 },
    ],
    expected: ["2>101 payment auto"],
  } as Case,
];

describe("bill linking", () => {
  for (const entry of cases) {
    test(entry.name, () => {
      const result = linkBills({ bills: entry.bills, transactions: entry.transactions, links: entry.links ?? [], linkedBills: (entry as Case & { linkedBills?: BillFact[] }).linkedBills });
      expect(shown(result.links)).toEqual(entry.expected);
    });
  }

  test("a link says why: same amount, how many days later, the label words naming the vendor", () => {
    const [link] = linkBills({ bills: [bill(1)], transactions: [debit(101, "2024-03-13", 8450, "Prlv Sepa ENGIE Énergie")], links: [] }).links;
    expect(link!.explanation).toEqual({ amount: "same", days: 3, label: "ENGIE", group: null });
    expect(link!.amountMinor).toBe(8450);
  });

  test("a grouped link says how many bills the transaction settles, each for its own amount", () => {
    const bills = [bill(1, { vendor: "Dr Martin", type: "health_costs", date: "2024-05-02", amountMinor: 2500 }), bill(2, { vendor: "Dr Martin", type: "health_costs", date: "2024-05-01", amountMinor: 3000 })];
    const links = linkBills({ bills, transactions: [debit(101, "2024-05-02", 5500, "CB DR MARTIN", true)], links: [] }).links;
    expect(links.sort((a, b) => a.billId - b.billId).map((link) => [link.amountMinor, link.explanation.group, link.explanation.days])).toEqual([[2500, 2, 0], [3000, 2, 1]]);
  });

  test("no group is made of more than six bills", () => {
    const bills = Array.from({ length: 7 }, (_, i) => bill(i + 1, { vendor: "Pharmacie du Centre", type: "health_costs", date: "2024-05-02", amountMinor: 1000 }));
    const links = linkBills({ bills, transactions: [debit(101, "2024-05-02", 7000, "CB PHARMACIE DU CENTRE", true)], links: [] }).links;
    expect(links).toEqual([]);
  });

  test("the looked-at bills are reported, so their old suggestions can be replaced", () => {
    const result = linkBills({ bills: [cpam, bill(2)], transactions: [], links: [] });
    expect(result.looked).toEqual([{ billId: 1, role: "payment" }, { billId: 2, role: "payment" }, { billId: 1, role: "reimbursement" }]);
  });
});
