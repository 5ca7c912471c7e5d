// A credit linked to an insurer's statement as its reimbursement is, by that
// fact, a health reimbursement: it gets that category (source "link", with
// the statement's vendor as its reason) unless the person chose one by hand
// or one of their rules did. When the link goes, so does the category it gave.
import { sql, type SQL } from "drizzle-orm";
import { HEALTH_REIMBURSEMENTS_ID } from "../categories/builtin";

/** A database or a transaction: both run statements. */
export interface Runs {
  run(query: SQL): Promise<unknown>;
}

/** Brings these transactions' categories in line with their reimbursement links (made or removed). */
export async function syncReimbursementCategories(db: Runs, transactionIds: readonly number[]): Promise<void> {
  if (transactionIds.length === 0) return;
  const ids = JSON.stringify([...new Set(transactionIds)]);
  // The first live reimbursement link of each transaction, with its bill's vendor.
  await db.run(sql`
    update bank_transactions
    set category_id = ${HEALTH_REIMBURSEMENTS_ID}, category_source = 'link',
        category_reason = json_object('source', 'link', 'billId', l.bill_id, 'vendor', b.vendor)
    from (select transaction_id, min(bill_id) as bill_id from bank_bill_links
          where role = 'reimbursement' and state in ('auto', 'manual') and transaction_id in (select value from json_each(${ids}))
          group by transaction_id) l
    join bank_bills b on b.id = l.bill_id
    where bank_transactions.id = l.transaction_id
      and (bank_transactions.category_source is null or bank_transactions.category_source in ('classifier', 'link'))`);
  await db.run(sql`
    update bank_transactions set category_id = null, category_source = null, category_reason = null
    where id in (select value from json_each(${ids})) and category_source = 'link'
      and not exists (select 1 from bank_bill_links l where l.transaction_id = bank_transactions.id
                      and l.role = 'reimbursement' and l.state in ('auto', 'manual'))`);
}
