// A realistic bills-and-transactions history for the linking bench: 20
// accounts, 100,000 transactions over 5 years and 10,000 bills (energy,
// phone, internet, streaming, insurance; doctors' visits with the national
// insurer's and the mutuelle's statements and credits; online orders paid
// together; bills whose debit is missing), with the links each bill should get.
const HEALTH_EXPENSES = 160;

interface Subscription {
  vendor: string;
  label: string;
  type: string;
  /** Fixed amount, or a range for metered ones. */
  amount: number | [number, number];
}

const SUBSCRIPTIONS: Subscription[] = [
  { vendor: "Engie", label: "PRLV SEPA ENGIE", type: "energy", amount: [4000, 16000] },
  { vendor: "EDF", label: "PRLV SEPA EDF CLIENTS PARTICULIERS", type: "energy", amount: [3000, 14000] },
  { vendor: "Free Mobile", label: "PRLV SEPA FREE MOBILE", type: "phone", amount: 1999 },
  { vendor: "Orange", label: "PRLV SEPA ORANGE SA", type: "internet", amount: 3999 },
  { vendor: "SFR", label: "PRLV SFR FIXE ADSL", type: "internet", amount: [2999, 4599] },
  { vendor: "Netflix", label: "CB NETFLIX.COM", type: "subscription", amount: 1349 },
  { vendor: "Spotify", label: "CB SPOTIFY P1234", type: "subscription", amount: 1099 },
  { vendor: "Veolia", label: "PRLV VEOLIA EAU", type: "water", amount: [1500, 6000] },
  { vendor: "MAIF", label: "PRLV MAIF ASSURANCE HABITATION", type: "insurance", amount: [2500, 3500] },
  { vendor: "Canal+", label: "PRLV CANAL PLUS", type: "subscription", amount: 2599 },
];
const DOCTORS = ["CB DR MARTIN", "CB DR DUPONT", "CB CABINET DENTAIRE LEROY", "CB DR BERNARD", "CB KINE MOREAU", "CB LABO BIO ANALYSES"];
const VISIT_AMOUNTS = [2500, 2650, 3000, 5000, 6000, 4200, 7500];
const SHOPS = [
  { vendor: "Fnac", label: "CB FNAC PARIS" }, { vendor: "Leroy Merlin", label: "CB LEROY MERLIN" }, { vendor: "Decathlon", label: "CB DECATHLON" },
  { vendor: "IKEA", label: "CB IKEA FRANCE" }, { vendor: "Amazon", label: "CB AMAZON PAYMENTS EU" }, { vendor: "Boulanger", label: "CB BOULANGER ELECTROMENAGER" },
];
const NOISE = ["CB CARREFOUR MARKET", "CB MONOPRIX", "CB BOULANGERIE PAUL", "CB PICARD", "CB LIDL", "CB TOTAL ENERGIES STATION", "CB SNCF", "RETRAIT DAB", "CB RESTAURANT LE PETIT", "CB FNAC", "CB IKEA", "CB PHARMACIE DU CENTRE"];

export interface HistoryTransaction {
  id: number;
  accountId: number;
  date: string;
  amountMinor: number;
  label: string;
  categoryId: number | null;
}

export interface HistoryBill {
  id: number;
  vendor: string;
  type: string;
  date: string;
  amountMinor: number;
  originalAmountMinor: number | null;
  originalDate: string | null;
}

export interface History {
  transactions: HistoryTransaction[];
  bills: HistoryBill[];
  /** "billId|role" -> the transaction that should be linked. */
  truth: Map<string, number>;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function dateOf(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

function shift(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Generates months [fromMonth, toMonth) counted from January 2020, ids starting after `start`. */
export class HistoryWriter {
  readonly history: History = { transactions: [], bills: [], truth: new Map() };
  private readonly next: () => number;

  constructor(private readonly accounts: number, private readonly billsPerAccountMonth: number, seed = 7, private ids = { transaction: 0, bill: 0 }) {
    this.next = random(seed);
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  private between(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  private debit(accountId: number, date: string, amountMinor: number, label: string, categoryId: number | null = null): number {
    const id = ++this.ids.transaction;
    this.history.transactions.push({ id, accountId, date, amountMinor, label, categoryId });
    return id;
  }

  private bill(fields: Omit<HistoryBill, "id">, payment: number | null, reimbursement: number | null = null): void {
    const id = ++this.ids.bill;
    this.history.bills.push({ id, ...fields });
    if (payment !== null) this.history.truth.set(`${id}|payment`, payment);
    if (reimbursement !== null) this.history.truth.set(`${id}|reimbursement`, reimbursement);
  }

  private subscription(accountId: number, year: number, month: number, plan: Subscription): void {
    const date = dateOf(year, month, this.between(3, 12));
    // Each line has its own plan: a household's accounts do not all pay the same price to one vendor.
    const amount = typeof plan.amount === "number" ? plan.amount + ((accountId * 37) % 400) : this.between(plan.amount[0], plan.amount[1]);
    const paid = this.next() < 0.95;
    const debit = paid ? this.debit(accountId, date, -amount, plan.label) : null;
    this.bill({ vendor: plan.vendor, type: plan.type, date: shift(date, -this.between(0, 8)), amountMinor: amount, originalAmountMinor: null, originalDate: null }, debit);
  }

  private visit(accountId: number, year: number, month: number): void {
    const date = dateOf(year, month, this.between(1, 26));
    const cost = this.next() < 0.5 ? this.pick(VISIT_AMOUNTS) : this.between(1500, 12_000);
    const doctor = this.debit(accountId, date, -cost, `${this.pick(DOCTORS)} ${date.slice(8)}/${date.slice(5, 7)}`, HEALTH_EXPENSES);
    const national = Math.round(cost * 0.7) - 100;
    const nationalDate = shift(date, this.between(4, 12));
    const nationalCredit = this.debit(accountId, shift(nationalDate, this.between(0, 2)), national, "VIR CPAM PARIS REMBT SOINS");
    this.bill({ vendor: "CPAM Paris", type: "health_costs", date: nationalDate, amountMinor: national, originalAmountMinor: cost, originalDate: date }, doctor, nationalCredit);
    if (this.next() < 0.6) {
      const mutuelleDate = shift(date, this.between(8, 20));
      const credit = this.debit(accountId, shift(mutuelleDate, this.between(0, 3)), cost - national, "VIR HARMONIE MUTUELLE PRESTATIONS");
      this.bill({ vendor: "Harmonie Mutuelle", type: "health_costs", date: mutuelleDate, amountMinor: cost - national, originalAmountMinor: cost, originalDate: date }, doctor, credit);
    }
  }

  /** Two or three orders of one day, paid by one card payment. */
  private orders(accountId: number, year: number, month: number): void {
    const date = dateOf(year, month, this.between(1, 27));
    const amounts = Array.from({ length: this.between(2, 3) }, () => this.between(499, 8999));
    const debit = this.debit(accountId, shift(date, 1), -amounts.reduce((a, b) => a + b, 0), "CB AMAZON PAYMENTS EU");
    for (const amount of amounts) this.bill({ vendor: "Amazon", type: "shopping", date, amountMinor: amount, originalAmountMinor: null, originalDate: null }, debit);
  }

  /** A purchase with its receipt: the card payment is booked a day or three later. */
  private purchase(accountId: number, year: number, month: number): void {
    const shop = this.pick(SHOPS);
    const date = dateOf(year, month, this.between(1, 27));
    const amount = this.between(990, 45_000);
    const debit = this.debit(accountId, shift(date, this.between(1, 3)), -amount, shop.label);
    this.bill({ vendor: shop.vendor, type: "shopping", date, amountMinor: amount, originalAmountMinor: null, originalDate: null }, debit);
  }

  private accountMonth(accountId: number, year: number, month: number): void {
    for (let i = 0; i < this.billsPerAccountMonth; i++) this.subscription(accountId, year, month, SUBSCRIPTIONS[(accountId + i) % SUBSCRIPTIONS.length]!);
    this.debit(accountId, dateOf(year, month, 28), this.between(250_000, 300_000), "VIR SALAIRE ACME SAS");
    if (this.next() < 0.35) this.visit(accountId, year, month);
    for (let i = this.between(0, 2); i > 0; i--) this.purchase(accountId, year, month);
    if (this.next() < 0.35) this.orders(accountId, year, month);
  }

  /** Months from January 2020 with `transactions` in all (noise fills up), at most `maxBills` bills. */
  months(from: number, to: number, transactions: number, maxBills = Number.POSITIVE_INFINITY): History {
    const cells = (to - from) * this.accounts;
    let cell = 0;
    const start = this.history.transactions.length;
    for (let index = from; index < to; index++) {
      const year = 2020 + Math.floor(index / 12);
      const month = index % 12;
      for (let accountId = 1; accountId <= this.accounts; accountId++) {
        this.accountMonth(accountId, year, month);
        const wanted = start + Math.round((++cell / cells) * transactions);
        while (this.history.transactions.length < wanted) this.debit(accountId, dateOf(year, month, this.between(1, 28)), -this.between(150, 15_000), this.pick(NOISE), null);
      }
    }
    this.trimBills(maxBills);
    return this.history;
  }

  /** Keeps the first `maxBills` bills (the generator makes a few more than asked). */
  private trimBills(maxBills: number): void {
    const { bills, truth } = this.history;
    for (const dropped of bills.splice(maxBills)) {
      truth.delete(`${dropped.id}|payment`);
      truth.delete(`${dropped.id}|reimbursement`);
    }
  }
}
