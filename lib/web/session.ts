/**
 * The dashboard's controls as plain async functions over a run: step, start, pause, reset,
 * fork and switch branches, edit profiles, seat a person, answer for them, and interview any
 * agent. A saved run is shown read-only; forking it saves the branch in a new folder. The web server calls these and nothing else, so a notebook drives exactly what the
 * page does. Everything that changes the world waits for the round in progress.
 *
 * @module
 */
import type { Profile } from "../profile/schema.ts";
import type { Engine, RoundSummary } from "../sim/engine.ts";
import type { SimEvent } from "../sim/events.ts";
import { type Scenario, type ScenarioInput } from "../sim/scenario.ts";
import { createSimulation, forkSimulation, loadSimulation } from "../sim/simulation.ts";
import { isPopulationView } from "../sim/population_view.ts";
import { askAgent, ConflictError, type SeatHandle } from "./seat.ts";
import { seatPerson, unseatPerson } from "./seating.ts";
import type { Move, ProfilePatch, SeatRequest } from "./schemas.ts";
import { parseRequest, seatRequestSchema } from "./schemas.ts";
import type { SeatView } from "./seat_view.ts";
import { logLine } from "./views.ts";
import { DashboardView } from "./session_view.ts";
import type { DashboardMessage, DashboardOptions } from "./session_types.ts";

export type { DashboardMessage, DashboardOptions };

/** A live dashboard over one run and its branches. */
export class DashboardSession extends DashboardView {
  readonly #scenario: ScenarioInput | Scenario;
  readonly #options: DashboardOptions;
  #branches = new Map<string, Engine>();
  #branch = "main";
  #forks = 0;
  #humans = 0;
  #running = false;
  #error: string | null = null;
  #lock: Promise<unknown> = Promise.resolve();
  #listeners = new Set<(m: DashboardMessage) => void>();
  #unsubscribe: () => void = () => {};
  #seats = new Map<Engine, Map<string, SeatHandle>>();
  /** Engines over a saved run, shown as saved: they never step or change. */
  #readOnly = new WeakSet<Engine>();
  /** The saved run folder this session was opened on; its forks are saved beside it. */
  #savedDir: string | null = null;
  /** Whether it shows a population run, which continues only in the population mode. */
  #populationRun = false;

  private constructor(scenario: ScenarioInput | Scenario, engine: Engine, o: DashboardOptions) {
    super();
    this.#scenario = scenario;
    this.#options = o;
    this.#branches.set("main", engine);
    this.#follow();
  }

  /**
   * A dashboard over a new run of a scenario.
   *
   * @param scenario The scenario (validated when built; reset rebuilds from it).
   * @param options LLM and data overrides, seat timeout, pause between rounds.
   * @returns The session at round 0.
   */
  static async create(
    scenario: ScenarioInput | Scenario,
    options: DashboardOptions = {},
  ): Promise<DashboardSession> {
    const engine = await createSimulation(scenario, options.build);
    return new DashboardSession(scenario, engine, options);
  }

  /**
   * A dashboard over a saved run, read-only: its history is shown and nothing in its folder is
   * written (its writer may even still be running). Continuing it is an explicit
   * {@link DashboardSession.fork}, saved in a new folder beside it (`<dir>-fork-<n>`); reset
   * rebuilds its scenario in memory.
   *
   * @param dir The run folder.
   * @param options As for {@link DashboardSession.create}.
   * @returns The session at the round after the run's last checkpoint.
   */
  static async open(dir: string, options: DashboardOptions = {}): Promise<DashboardSession> {
    const engine = await loadSimulation(dir, options.build ?? {});
    const session = new DashboardSession(engine.world.scenario, engine, {
      source: dir,
      ...options,
    });
    session.#readOnly.add(engine);
    session.#savedDir = dir;
    session.#populationRun = isPopulationView(engine);
    return session;
  }

  /** @returns The engine of the branch shown. */
  get engine(): Engine {
    return this.#branches.get(this.#branch)!;
  }

  /** @returns Branch names, in creation order, and the one shown. */
  branches(): { names: string[]; current: string } {
    return { names: [...this.#branches.keys()], current: this.#branch };
  }

  /** @returns Whether rounds run continuously, the branch, the round and the last error. */
  status(): { running: boolean; branch: string; round: number; error: string | null } {
    return {
      running: this.#running,
      branch: this.#branch,
      round: this.engine.world.round,
      error: this.#error,
    };
  }

  /** @returns Where the run came from. */
  get source(): string {
    return this.#options.source ?? "scenario";
  }

  /**
   * Listens to log lines, rounds, status and seat changes.
   *
   * @param listener Called synchronously.
   * @returns A function that stops listening.
   */
  subscribe(listener: (m: DashboardMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Runs one round (after the round in progress, if any).
   *
   * @returns Its summary.
   */
  step(): Promise<RoundSummary> {
    return this.#exclusive(async () => {
      this.#writable("run rounds");
      const summary = await this.engine.step();
      this.#emit({ kind: "round", summary });
      this.#emitStatus();
      return summary;
    });
  }

  /** Runs rounds one after another until {@link DashboardSession.pause}. */
  start(): void {
    if (this.#running) return;
    this.#writable("run rounds");
    this.#running = true;
    this.#error = null;
    this.#emitStatus();
    (async () => {
      while (this.#running) {
        try {
          await this.step();
        } catch (e) {
          this.#running = false;
          this.#error = (e as Error).message;
          this.#emitStatus();
          return;
        }
        await new Promise((r) => setTimeout(r, this.#options.roundDelayMs ?? 250));
      }
    })();
  }

  /** Stops after the round in progress; resolves when it is over. */
  async pause(): Promise<void> {
    this.#running = false;
    this.#emitStatus();
    await this.#exclusive(() => Promise.resolve());
  }

  /** Rebuilds the run from its scenario in memory (branches and seats are dropped; nothing is saved). */
  async reset(): Promise<void> {
    this.#notPopulation("reset it");
    this.#running = false;
    for (const seats of this.#seats.values()) for (const s of seats.values()) s.close();
    await this.#exclusive(async () => {
      const engine = await createSimulation(this.#scenario, this.#options.build);
      this.#branches = new Map([["main", engine]]);
      this.#seats.clear();
      this.#branch = "main";
      this.#forks = 0;
      this.#savedDir = null;
      this.#error = null;
      this.#follow();
    });
    this.#emitStatus();
  }

  /**
   * Forks the branch shown into a new one sharing its history, and shows it.
   *
   * @returns The new branch's name.
   * @throws ConflictError while a person holds a seat on the branch (a person's brain cannot
   *   be rebuilt in the branch).
   */
  fork(): Promise<string> {
    return this.#exclusive(async () => {
      this.#notPopulation("fork it here");
      if (this.#seatsOf(this.engine).size) {
        throw new ConflictError("leave the seat before forking: a person cannot be copied");
      }
      const branch = await forkSimulation(this.engine, {
        ...this.#options.build,
        ...(this.#savedDir
          ? { out: await freeFolder(this.#savedDir), parentRun: this.#savedDir }
          : {}),
      });
      const name = `branch-${++this.#forks}`;
      this.#branches.set(name, branch);
      this.#branch = name;
      this.#follow();
      this.#emitStatus();
      return name;
    });
  }

  /**
   * Shows (and steps) another branch.
   *
   * @param name A branch name from {@link DashboardSession.branches}.
   */
  switchBranch(name: string): Promise<void> {
    return this.#exclusive(() => {
      if (!this.#branches.has(name)) throw new RangeError(`unknown branch "${name}"`);
      this.#branch = name;
      this.#follow();
      this.#emitStatus();
      return Promise.resolve();
    });
  }

  /**
   * Edits an agent's profile: an intervention recorded in the event log.
   *
   * @param agentId The agent.
   * @param patch Fields to replace.
   * @returns The new profile.
   */
  editProfile(agentId: string, patch: ProfilePatch): Promise<Profile> {
    return this.#exclusive(async () => {
      this.#writable("edit profiles");
      const engine = this.engine;
      engine.world.agent(agentId);
      await engine.apply({ kind: "set_profile", agent: agentId, patch });
      return engine.world.agent(agentId).profile;
    });
  }

  /**
   * Seats a person: as a new user (befriending the given or the best-connected agents) or in
   * place of an existing agent. The person acts every round while seated.
   *
   * @param request `{ mode: "new", name, interests, … }` or `{ mode: "take", agent }`.
   * @returns The agent the person plays.
   */
  seat(request: SeatRequest): Promise<string> {
    const req = parseRequest(seatRequestSchema, request, "seat");
    return this.#exclusive(() => {
      this.#writable("seat a person");
      const engine = this.engine;
      const seats = this.#seatsOf(engine);
      const handle = seatPerson(engine, req, {
        taken: seats,
        newId: () => {
          let id: string;
          do id = `human-${++this.#humans}`; while (engine.world.agents.has(id));
          return id;
        },
        timeoutMs: this.#options.seatTimeoutMs ?? 60_000,
        onChange: (id) => this.#emitSeat(engine, id),
      });
      seats.set(handle.agentId, handle);
      this.#emitSeat(engine, handle.agentId);
      return Promise.resolve(handle.agentId);
    });
  }

  /**
   * The decision waiting for the person playing an agent.
   *
   * @param agentId The agent.
   * @returns Its JSON view, or null when nothing waits.
   */
  pending(agentId: string): SeatView | null {
    return this.#seatFor(agentId).pending();
  }

  /** @returns The agents people play on the branch shown. */
  seats(): string[] {
    return [...this.#seatsOf(this.engine).keys()];
  }

  /**
   * Answers the decision waiting for a person (a chat first gets the friend's reply).
   *
   * @param agentId The agent the person plays.
   * @param move The person's move (validated by the caller or the server).
   * @returns The action handed to the engine.
   */
  answer(agentId: string, move: Move): Promise<unknown> {
    return this.#seatFor(agentId).answer(this.engine, move);
  }

  /**
   * Ends a seat: waiting decisions take the safe fallback; a taken-over agent gets its brain
   * and activity back, a new user is handed to the scenario's brain.
   *
   * @param agentId The agent the person plays.
   */
  async leave(agentId: string): Promise<void> {
    const engine = this.engine;
    const handle = this.#seatFor(agentId);
    handle.close();
    await this.#exclusive(() => {
      unseatPerson(engine, handle);
      this.#seatsOf(engine).delete(agentId);
      this.#emitSeat(engine, agentId);
      return Promise.resolve();
    });
  }

  /**
   * Asks any agent a question through its brain. Nothing in the world changes; the question,
   * the answer and the LLM calls and tokens spent are logged as an interview event and count
   * in the engine's totals.
   *
   * @param agentId The agent.
   * @param question The question (data in the prompt, never instructions).
   * @returns The answer, the brain kind, and why it failed if it did.
   */
  async interview(
    agentId: string,
    question: string,
  ): Promise<{ answer: string; brain: string; failure: string | null }> {
    this.#writable("interview agents (an interview is logged)");
    const engine = this.engine;
    engine.world.agent(agentId);
    const brain = engine.world.brainOf(agentId);
    if (brain.kind === "human") throw new ConflictError(`a person plays ${agentId}: ask them`);
    const { answer, decision } = await askAgent(engine, agentId, question);
    return { answer, brain: decision.brain, failure: decision.failure };
  }

  /** Stops running and lets every seat go (for shutting down). */
  close(): void {
    this.#running = false;
    for (const seats of this.#seats.values()) for (const s of seats.values()) s.close();
    this.#unsubscribe();
  }

  /** @returns Whether the branch shown is a saved run opened read-only. */
  get readOnly(): boolean {
    return this.#readOnly.has(this.engine);
  }

  /** A population run's rounds are typed-array steps: per-agent turns would be another model. */
  #notPopulation(what: string): void {
    if (!this.#populationRun) return;
    throw new ConflictError(
      `a population run is shown as saved: to ${what}, continue it in the population mode (forkPopulation), not with per-agent turns`,
    );
  }

  #writable(what: string): void {
    if (!this.readOnly) return;
    throw new ConflictError(
      `${this.source} is open read-only: fork it to ${what} (the fork is saved in a new folder)`,
    );
  }

  #seatsOf(engine: Engine): Map<string, SeatHandle> {
    let m = this.#seats.get(engine);
    if (!m) this.#seats.set(engine, m = new Map());
    return m;
  }

  #seatFor(agentId: string): SeatHandle {
    this.engine.world.agent(agentId);
    const s = this.#seatsOf(this.engine).get(agentId);
    if (!s) throw new ConflictError(`no person plays ${agentId}`);
    return s;
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => {});
    return run;
  }

  #follow(): void {
    this.#unsubscribe();
    const engine = this.engine;
    this.#unsubscribe = engine.log.subscribe((e: SimEvent) => {
      if (engine === this.engine) this.#emit({ kind: "event", line: logLine(engine, e) });
    });
  }

  #emit(m: DashboardMessage): void {
    for (const l of this.#listeners) {
      try {
        l(m);
      } catch { /* a broken listener must not stop a round */ }
    }
  }

  #emitStatus(): void {
    this.#emit({ kind: "status", ...this.status() });
  }

  #emitSeat(engine: Engine, agent: string): void {
    if (engine !== this.engine) return;
    this.#emit({
      kind: "seat",
      agent,
      pending: this.#seatsOf(engine).get(agent)?.pending() ?? null,
    });
  }
}

/** The first `<dir>-fork-<n>` that does not exist yet. */
async function freeFolder(dir: string): Promise<string> {
  const base = dir.replace(/\/+$/, "");
  for (let n = 1;; n++) {
    const candidate = `${base}-fork-${n}`;
    try {
      await Deno.stat(candidate);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return candidate;
      throw e;
    }
  }
}
