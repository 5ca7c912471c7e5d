// The gate between the file service's changes and the reconciler: a
// reconcile never runs in the middle of a change (a move is a rename on disk
// then an index update), and a change made inside another change never waits.
import { expect, test } from "bun:test";
import { OwnerGate } from "../../appliance/src/files/owner-gate";

test("a reconcile waits for the change under way, and a change waits for a running reconcile", async () => {
  const gate = new OwnerGate();
  const order: string[] = [];
  let finishChange!: () => void;
  const change = gate.change(1, async () => {
    order.push("change starts");
    await new Promise<void>((resolve) => (finishChange = resolve));
    order.push("change ends");
  });
  const reconcile = gate.reconcile(1, async () => {
    order.push("reconcile runs");
    await Bun.sleep(20);
    order.push("reconcile ends");
  });
  await Bun.sleep(10);
  expect(order).toEqual(["change starts"]);
  finishChange();
  await Bun.sleep(5);
  const later = gate.change(1, async () => void order.push("second change"));
  await Promise.all([change, reconcile, later]);
  expect(order).toEqual(["change starts", "change ends", "reconcile runs", "reconcile ends", "second change"]);
});

test("a change inside a change does not wait, even with a reconcile pending", async () => {
  const gate = new OwnerGate();
  const pending: Promise<unknown>[] = [];
  const result = await gate.change(1, async () => {
    pending.push(gate.reconcile(1, async () => "reconciled"));
    return gate.change(1, async () => "inner change done");
  });
  expect(result).toBe("inner change done");
  expect(await pending[0]).toBe("reconciled");
});

test("people do not wait for each other", async () => {
  const gate = new OwnerGate();
  let release!: () => void;
  const alice = gate.change(1, () => new Promise<void>((resolve) => (release = resolve)));
  expect(await gate.reconcile(2, async () => "bob reconciled")).toBe("bob reconciled");
  release();
  await alice;
});
