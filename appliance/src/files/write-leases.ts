import { ConflictError } from "../shared/errors";

/**
 * One write at a time per path. A second writer to the same path gets 409
 * while the first is streaming: one wins, the other is told, and nothing is
 * silently lost. (Single process: an in-memory set is the whole truth.)
 */
export class WriteLeases {
  private readonly held = new Set<string>();

  async with<T>(keys: string[], work: () => Promise<T>): Promise<T> {
    const busy = keys.find((key) => this.held.has(key));
    if (busy !== undefined) throw new ConflictError("write_in_progress", "Another change to this item is in progress; try again.");
    for (const key of keys) this.held.add(key);
    try {
      return await work();
    } finally {
      for (const key of keys) this.held.delete(key);
    }
  }
}
