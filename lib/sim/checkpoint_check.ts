/**
 * The shape a checkpoint must have before resuming trusts it: a checkpoint that is not an
 * object with its round and the byte lengths it covers (an empty `{}`, a file edited by hand)
 * is refused before any log is touched, so a bad checkpoint can never cut the logs back to
 * nothing.
 *
 * @module
 */
import { z } from "zod";
import { DataError, formatPath } from "../core/errors.ts";

const counted = z.number().int().min(0);

/** The fields resuming relies on; later fields pass through untouched. */
const checkpointShape = z.looseObject({
  round: counted,
  eventsBytes: counted,
  metricsBytes: counted,
  events: counted,
  state: z.looseObject({}),
});

/**
 * Checks a parsed checkpoint.
 *
 * @param json The parsed checkpoint.json.
 * @param file Its path, for the message.
 * @returns The same value, known to have the fields resuming reads.
 * @throws DataError naming the file and the first missing or wrong field.
 *
 * @example An empty object is refused
 * ```ts
 * import { checkCheckpoint } from "@lib/sim/checkpoint_check.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkCheckpoint({}, "run/checkpoint.json"), /^DataError: run\/checkpoint\.json \(round\): expected a count \(an integer ≥ 0\), found none;/);
 * ```
 */
export function checkCheckpoint<T>(json: T, file: string): T {
  const r = checkpointShape.safeParse(json);
  if (r.success) return json;
  const path = r.error.issues[0].path;
  let value: unknown = json;
  for (const k of path) value = (value as Record<PropertyKey, unknown>)[k];
  const found = value === undefined ? "none" : JSON.stringify(value).slice(0, 40);
  const expected = path.length === 0
    ? "a checkpoint object (round, eventsBytes, metricsBytes, events, state)"
    : path[0] === "state"
    ? "the world state (an object)"
    : "a count (an integer ≥ 0)";
  throw new DataError(
    file,
    0,
    `expected ${expected}, found ${found}; the checkpoint is damaged: restore it from a copy ` +
      "or start the run again in a new folder",
    path.length ? formatPath(path) : undefined,
  );
}
