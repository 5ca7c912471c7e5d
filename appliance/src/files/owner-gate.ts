// Keeps the reconciler from looking at a person's tree while the file
// service is changing it. A move is two steps (rename on disk, then the
// index); a reconcile that read the disk between them would see the new name
// without its row, re-create it under a new id and drop the old one.
// Changes share the gate with each other (they have their own per-path
// leases); a reconcile has it alone. Changes never wait for a pending
// reconcile, only for a running one, so a change made inside another change
// cannot deadlock.

interface GateState {
  changes: number;
  reconciling: boolean;
  waiters: (() => void)[];
}

export class OwnerGate {
  private readonly states = new Map<number, GateState>();

  async change<T>(ownerId: number, work: () => Promise<T>): Promise<T> {
    const state = this.state(ownerId);
    while (state.reconciling) await this.wait(state);
    state.changes += 1;
    try {
      return await work();
    } finally {
      state.changes -= 1;
      this.wake(state);
    }
  }

  async reconcile<T>(ownerId: number, work: () => Promise<T>): Promise<T> {
    const state = this.state(ownerId);
    while (state.reconciling || state.changes > 0) await this.wait(state);
    state.reconciling = true;
    try {
      return await work();
    } finally {
      state.reconciling = false;
      this.wake(state);
    }
  }

  private state(ownerId: number): GateState {
    let state = this.states.get(ownerId);
    if (!state) this.states.set(ownerId, (state = { changes: 0, reconciling: false, waiters: [] }));
    return state;
  }

  private wait(state: GateState): Promise<void> {
    return new Promise((resolve) => state.waiters.push(resolve));
  }

  private wake(state: GateState): void {
    const waiters = state.waiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
