// The built-in category tree every person shares, as data. Ids are FIXED and
// below 1000 (a person's own categories start at 1000): transactions, rules
// and the UI's translations (banks.category.<key>) refer to them forever, so
// an entry is never renumbered; a new one takes a free id in its parent's range.

export interface BuiltinCategory {
  id: number;
  key: string;
  /** English name; the UI shows its own translation of the key. */
  name: string;
  parentId: number | null;
}

/** Own categories are numbered from here (the seed moves the table's sequence past it). */
export const FIRST_OWN_CATEGORY_ID = 1000;

type Entry = [id: number, key: string, name: string];

/** [top-level entry, its children]: children take ids 100 + 20·(parent − 1) onwards. */
const TREE: [Entry, Entry[]][] = [
  [[1, "housing", "Housing"], [[100, "housing.rent", "Rent and mortgage"], [101, "housing.energy", "Energy"], [102, "housing.water", "Water"], [103, "housing.insurance", "Home insurance"], [104, "housing.maintenance", "Repairs and maintenance"]]],
  [[2, "food", "Food"], [[120, "food.groceries", "Groceries"], [121, "food.restaurants", "Restaurants"]]],
  [[3, "transport", "Transport"], [[140, "transport.fuel", "Fuel"], [141, "transport.public", "Public transport"], [142, "transport.car", "Car"], [143, "transport.tolls_parking", "Tolls and parking"]]],
  [[4, "health", "Health"], [[160, "health.expenses", "Health expenses"], [161, "health.reimbursements", "Health reimbursements"], [162, "health.insurance", "Health insurance"]]],
  [[5, "income", "Income"], [[180, "income.salary", "Salary"], [181, "income.benefits", "Benefits"], [182, "income.other", "Other income"]]],
  [[6, "taxes", "Taxes"], [[200, "taxes.income", "Income tax"], [201, "taxes.property", "Property and housing tax"], [202, "taxes.other", "Other taxes"]]],
  [[7, "leisure", "Leisure"], [[220, "leisure.sport", "Sport"], [221, "leisure.culture", "Culture and streaming"], [222, "leisure.travel", "Travel and holidays"], [223, "leisure.hobbies", "Hobbies"]]],
  [[8, "shopping", "Shopping"], [[240, "shopping.clothing", "Clothing"], [241, "shopping.electronics", "Electronics"], [242, "shopping.home", "Home and garden"], [243, "shopping.gifts", "Gifts"]]],
  [[9, "telecom", "Phone and internet"], [[260, "telecom.phone", "Mobile phone"], [261, "telecom.internet", "Internet"]]],
  [[10, "bank", "Bank"], [[280, "bank.fees", "Bank fees"], [281, "bank.loans", "Loan repayments"]]],
  [[11, "transfers", "Transfers"], [[300, "transfers.own_accounts", "Between my accounts"], [301, "transfers.savings", "Savings"], [302, "transfers.people", "To and from people"]]],
  [[12, "cash", "Cash withdrawals"], []],
  [[13, "family", "Family"], [[340, "family.childcare", "Childcare"], [341, "family.education", "Education"]]],
];

/** The built-in tree, parents before their children. */
export const BUILTIN_CATEGORIES: readonly BuiltinCategory[] = TREE.flatMap(([[id, key, name], children]) => [
  { id, key, name, parentId: null },
  ...children.map(([childId, childKey, childName]) => ({ id: childId, key: childKey, name: childName, parentId: id })),
]);

function builtinId(key: string): number {
  const found = BUILTIN_CATEGORIES.find((category) => category.key === key);
  if (!found) throw new Error(`no built-in category ${key}`);
  return found.id;
}

/** Debits in these (and in a person's own subcategories of them) are health costs bills are looked for. */
export const HEALTH_EXPENSES_ID = builtinId("health.expenses");
/** Credits from health insurers (the national one and the complementary ones). */
export const HEALTH_REIMBURSEMENTS_ID = builtinId("health.reimbursements");
