// Which transactions are already taken, and by whom: a transaction settled
// as a whole blocks every other bill; a health debit taken by one vendor's
// bill stays open to another vendor's bill for the same act.
import { WHOLE } from "./targets";

export class Claims {
  private readonly whole = new Set<number>();
  private readonly keyed = new Map<number, Set<string>>();

  available(transactionId: number, key: string): boolean {
    if (this.whole.has(transactionId)) return false;
    const keys = this.keyed.get(transactionId);
    if (!keys) return true;
    return key !== WHOLE && !keys.has(key);
  }

  claim(transactionId: number, key: string): void {
    if (key === WHOLE) {
      this.whole.add(transactionId);
      return;
    }
    const keys = this.keyed.get(transactionId);
    if (keys) keys.add(key);
    else this.keyed.set(transactionId, new Set([key]));
  }
}

/** Two bills wanting one transaction compete unless both are health bills of different vendors. */
export function compete(keyA: string, keyB: string): boolean {
  return keyA === WHOLE || keyB === WHOLE || keyA === keyB;
}
