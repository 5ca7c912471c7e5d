// Shared steps of the bills tests: a statement with a doctor's visit, its
// reimbursements and an energy bill; the person's transactions by label.
import { makeOfx, type BanksBox, type BanksClient, type OfxLine } from "./banks-fixtures";

export const HEALTH_EXPENSES = 160;

export const MARCH: OfxLine[] = [
  { date: "2024-03-05", amountMinor: -2500, name: "CB DR DUPONT 05/03", fitid: "M1" },
  { date: "2024-03-13", amountMinor: -8450, name: "PRLV SEPA ENGIE", fitid: "M2" },
  { date: "2024-03-21", amountMinor: 1750, name: "VIR CPAM PARIS REMBT SOINS", fitid: "M3" },
  { date: "2024-03-18", amountMinor: -1230, name: "CB PHARMACIE DU CENTRE", fitid: "M4" },
  { date: "2024-03-28", amountMinor: -1999, name: "PRLV SEPA FREE MOBILE", fitid: "M5" },
  { date: "2024-04-01", amountMinor: -1999, name: "PRLV SEPA FREE MOBILE", fitid: "M6" },
];

export const LATER: OfxLine[] = [{ date: "2024-03-26", amountMinor: 750, name: "VIR HARMONIE MUTUELLE PRESTATIONS", fitid: "L1" }];

export const ENGIE_BILL = { vendor: "Engie", type: "energy", date: "2024-03-10", amountMinor: 8450, currency: "EUR" };
export const CPAM_BILL = { vendor: "CPAM Paris", type: "health_costs", date: "2024-03-20", amountMinor: 1750, currency: "EUR", originalAmountMinor: 2500, originalDate: "2024-03-05" };
export const MUTUELLE_BILL = { vendor: "Harmonie Mutuelle", type: "health_costs", date: "2024-03-25", amountMinor: 750, currency: "EUR", originalAmountMinor: 2500, originalDate: "2024-03-05" };
export const FREE_BILL = { vendor: "Free Mobile", type: "phone", date: "2024-03-30", amountMinor: 1999, currency: "EUR" };

export async function importLines(client: BanksClient, lines: OfxLine[], account = "FR7630004000031234567890143"): Promise<void> {
  await client.importFile(makeOfx(account, lines), "statement.ofx");
}

/** The person's transactions: fitid-free, by label (and date when labels repeat). */
export async function transactionIds(client: BanksClient): Promise<Map<string, number>> {
  const answer = await client.call("GET", "/transactions?limit=500");
  const ids = new Map<string, number>();
  for (const row of answer.body.transactions) ids.set(`${row.label}@${row.bookingDate}`, row.id);
  return ids;
}

export function idOf(ids: Map<string, number>, label: string, date: string): number {
  const id = ids.get(`${label}@${date}`);
  if (id === undefined) throw new Error(`no transaction ${label} on ${date} among ${[...ids.keys()].join(", ")}`);
  return id;
}

/** Creates bills over HTTP (one id per bill, in order); fails the test on any error. */
export async function createBills<T extends readonly object[]>(client: BanksClient, bills: readonly [...T]): Promise<{ [K in keyof T]: number }> {
  const ids: number[] = [];
  for (const bill of bills) {
    const answer = await client.call("POST", "/bills", bill);
    if (answer.status !== 201) throw new Error(`bill: ${answer.status} ${JSON.stringify(answer.body)}`);
    ids.push(answer.body.id);
  }
  return ids as { [K in keyof T]: number };
}

export async function settle(box: BanksBox): Promise<void> {
  await box.appliance.jobs.idle();
}
