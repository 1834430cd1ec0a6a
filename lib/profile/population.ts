/**
 * A set of profiles keyed by id. Names may repeat (the original 1,000-profile file has 100
 * duplicated names), so agents are only ever resolved by id.
 *
 * @module
 */
import { DataError } from "../core/errors.ts";
import type { Profile } from "./schema.ts";

/**
 * An ordered, id-indexed population of profiles.
 *
 * @example Lookup by id; duplicate ids are rejected
 * ```ts
 * import { Population } from "@lib/profile/population.ts";
 * import assert from "node:assert/strict";
 * const p = { name: "Ann Lee", gender: "female", age: 30, traits: [], career: "nurse", interests: [], features: [], extras: {} };
 * const pop = new Population([{ ...p, id: "a" }, { ...p, id: "b" }]);
 * assert.equal(pop.byId("b").id, "b");
 * assert.throws(() => new Population([{ ...p, id: "a" }, { ...p, id: "a" }]), /duplicate id "a"/);
 * ```
 */
export class Population implements Iterable<Profile> {
  readonly #list: Profile[];
  readonly #index = new Map<string, Profile>();

  /**
   * @param profiles Profiles with unique ids.
   * @param source Where they came from, named in errors (file name or method).
   * @throws DataError naming the second occurrence of a duplicated id.
   */
  constructor(profiles: readonly Profile[], source = "population") {
    this.#list = profiles.slice();
    profiles.forEach((p, i) => {
      if (this.#index.has(p.id)) {
        throw new DataError(source, 0, `duplicate id "${p.id}" (profile #${i + 1})`, "id");
      }
      this.#index.set(p.id, p);
    });
  }

  /** Number of profiles. */
  get size(): number {
    return this.#list.length;
  }

  /** Profiles in their original order. */
  get profiles(): readonly Profile[] {
    return this.#list;
  }

  /** Ids in order. */
  get ids(): string[] {
    return this.#list.map((p) => p.id);
  }

  /**
   * @param id An agent id.
   * @returns The profile.
   * @throws RangeError when the id is unknown.
   */
  byId(id: string): Profile {
    const p = this.#index.get(id);
    if (!p) throw new RangeError(`no profile with id "${id}"`);
    return p;
  }

  /**
   * @param id An agent id.
   * @returns Whether the id is present.
   */
  has(id: string): boolean {
    return this.#index.has(id);
  }

  /**
   * Every profile carrying a name (names are not unique; use this only for display/search).
   *
   * @param name The exact name.
   * @returns Matching profiles.
   */
  withName(name: string): Profile[] {
    return this.#list.filter((p) => p.name === name);
  }

  /** @returns Iterator over profiles in order. */
  [Symbol.iterator](): Iterator<Profile> {
    return this.#list[Symbol.iterator]();
  }
}
