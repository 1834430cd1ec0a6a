// mapLimit by value: results in input order, never more than `limit` at once, and at least
// one worker whatever the limit.
import assert from "node:assert/strict";
import { mapLimit } from "@lib/core/concurrency.ts";

async function run(n: number, limit: number) {
  let inFlight = 0, most = 0;
  const order: number[] = [];
  const results = await mapLimit(
    Array.from({ length: n }, (_, i) => i * 10),
    limit,
    async (x, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      order.push(i);
      // Later items finish first, so order of results is not order of completion.
      await new Promise((r) => setTimeout(r, (n - i) * 2));
      inFlight--;
      return `${x}:${i}`;
    },
  );
  return { results, most, order };
}

Deno.test("results keep the input order whatever order the work finishes in", async () => {
  const { results, most, order } = await run(7, 3);
  assert.deepEqual(results, ["0:0", "10:1", "20:2", "30:3", "40:4", "50:5", "60:6"]);
  assert.equal(most, 3);
  assert.deepEqual(order.slice(0, 3), [0, 1, 2], "items start in order");
});

Deno.test("never more than `limit` at once, never more workers than items, at least one", async () => {
  assert.equal((await run(5, 1)).most, 1);
  assert.equal((await run(2, 8)).most, 2);
  assert.equal((await run(4, 0)).most, 1);
  assert.deepEqual((await run(3, -5)).results, ["0:0", "10:1", "20:2"]);
  assert.deepEqual(await mapLimit([], 4, () => Promise.resolve(1)), []);
});
