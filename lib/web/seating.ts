/**
 * Seating a person in a run and letting them go: as a new user who befriends a few agents, or
 * in place of an existing agent. While seated the person acts every round; both changes are
 * interventions in the event log.
 *
 * @module
 */
import type { Engine } from "../sim/engine.ts";
import { ConflictError, SeatHandle } from "./seat.ts";
import type { seatRequestSchema } from "./schemas.ts";
import type { z } from "zod";

/** How to build the seat. */
export interface SeatingOptions {
  /** Seats already held on this engine, by agent. */
  taken: ReadonlyMap<string, SeatHandle>;
  /** An id for a new user (must not exist yet). */
  newId: () => string;
  /** How long each decision waits for the person (ms). */
  timeoutMs: number;
  /** Called when a decision for the agent arrives or ends. */
  onChange: (agentId: string) => void;
}

/**
 * Seats a person.
 *
 * @param engine The run (between rounds).
 * @param req A validated seat request.
 * @param options Seats held, id source, timeout and change callback.
 * @returns The seat.
 * @throws ConflictError when the agent is already played by a person.
 */
export function seatPerson(
  engine: Engine,
  req: z.output<typeof seatRequestSchema>,
  options: SeatingOptions,
): SeatHandle {
  const w = engine.world;
  let handle: SeatHandle;
  if (req.mode === "take") {
    const id = req.agent;
    const agent = w.agent(id);
    if (options.taken.has(id) || w.brainOf(id).kind === "human") {
      throw new ConflictError(`${id} is already played by a person`);
    }
    handle = new SeatHandle(id, {
      timeoutMs: options.timeoutMs,
      previous: w.brainOf(id),
      previousActivity: agent.activity,
      onChange: () => options.onChange(id),
    });
    engine.setBrain(id, handle.brain);
  } else {
    const id = options.newId();
    const friends = req.friends ?? [...w.ids].filter((a) => w.brainOf(a).kind !== "human")
      .sort((a, b) => w.graph.degree(b) - w.graph.degree(a)).slice(0, 3);
    for (const f of friends) w.agent(f);
    handle = new SeatHandle(id, {
      timeoutMs: options.timeoutMs,
      // A new user is handed to the scenario's brain when the person leaves.
      previous: w.brainOf(w.ids.find((a) => w.brainOf(a).kind !== "human")!),
      previousActivity: w.scenario.activity.xMin,
      onChange: () => options.onChange(id),
    });
    const { mode: _mode, friends: _friends, ...fields } = req;
    engine.addAgent({ id, ...fields, features: [], extras: {} }, handle.brain, friends);
  }
  const agent = w.agent(handle.agentId);
  // Acting with probability rate × activity: at 1 / rate the person acts every round.
  agent.activity = Math.max(agent.activity, 1 / w.scenario.activity.rate);
  engine.intervene({
    kind: "human_seat",
    agent: handle.agentId,
    detail: { mode: req.mode, activity: agent.activity },
  });
  return handle;
}

/**
 * Lets a person go: the agent gets its brain (or, for a new user, the scenario's brain) and its
 * activity back. Call {@link SeatHandle.close} first so no decision keeps waiting.
 *
 * @param engine The run (between rounds).
 * @param handle The seat.
 */
export function unseatPerson(engine: Engine, handle: SeatHandle): void {
  engine.setBrain(handle.agentId, handle.previous);
  engine.world.agent(handle.agentId).activity = handle.previousActivity;
}
