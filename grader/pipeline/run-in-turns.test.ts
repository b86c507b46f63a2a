import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInTurns } from "./run-in-turns";

/** A run that finishes once the test lets it, so the test decides the order of events. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("runs of one attempt, taken in turns", () => {
  it("never has more than `parallel` going, and starts them in order", async () => {
    let going = 0;
    let most = 0;
    const started: number[] = [];
    const results = await runInTurns(
      5,
      2,
      async (index) => {
        started.push(index);
        most = Math.max(most, ++going);
        await new Promise((resolve) => setImmediate(resolve));
        going--;
        return index;
      },
      () => false,
    );
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    assert.equal(most, 2);
    assert.deepEqual([...results].sort(), [0, 1, 2, 3, 4]);
  });

  it("starts no run after one has failed, and lets a run already going finish", async () => {
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const done = runInTurns(
      3,
      2,
      async (index) => {
        started.push(index);
        await gates[index]?.opened;
        return index;
      },
      (index) => index === 0,
    );
    gates[0]?.open();
    await new Promise((resolve) => setImmediate(resolve));
    gates[1]?.open();
    const results = await done;
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual(results, [0, 1]);
  });

  it("one at a time when parallel is 1", async () => {
    const order: string[] = [];
    await runInTurns(
      3,
      1,
      async (index) => {
        order.push(`start ${index}`);
        await new Promise((resolve) => setImmediate(resolve));
        order.push(`end ${index}`);
      },
      () => false,
    );
    assert.deepEqual(order, ["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
  });
});
