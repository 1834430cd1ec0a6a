/**
 * The dry run of a scenario's interventions: every agent and item they name must exist and
 * every profile patch must give a valid profile, checked when the world is built, so a
 * mistake that would only surface at round 40 stops the run before its folder exists.
 *
 * @module
 */
import { ConfigError, formatIssues } from "../core/errors.ts";
import { profileSchema } from "../profile/schema.ts";
import type { Profile } from "../profile/schema.ts";
import type { Catalog } from "../recsys/catalog.ts";
import type { Intervention } from "./scenario.ts";

/**
 * Checks interventions against the population and the catalogue they will act on.
 *
 * @param interventions The scenario's interventions.
 * @param profiles The population (a `set_profile` patch is applied to a copy to check it).
 * @param catalog The catalogue (items named by `inject_message`).
 * @param source The scenario's name in errors.
 * @throws ConfigError naming the intervention's field, what was expected and what was found.
 *
 * @example An unknown agent is found before the run
 * ```ts
 * import { checkInterventions } from "@lib/sim/check_interventions.ts";
 * import assert from "node:assert/strict";
 * const ann = { id: "a1", name: "Ann", gender: "f", age: 30, traits: [], career: "", interests: [], features: [], extras: {} };
 * const catalog = { has: () => true } as never;
 * assert.throws(
 *   () => checkInterventions([{ round: 3, kind: "set_profile", agent: "zz", patch: {} }], [ann], catalog, "s.json"),
 *   /s\.json: interventions\[0\]\.agent: expected the id of an agent \(1 agents\), found "zz"/,
 * );
 * ```
 */
export function checkInterventions(
  interventions: readonly Intervention[],
  profiles: readonly Profile[],
  catalog: Pick<Catalog, "has">,
  source: string,
): void {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const agent = (id: string, field: string) => {
    const p = byId.get(id);
    if (!p) {
      throw new ConfigError(
        source,
        field,
        `expected the id of an agent (${byId.size} agents), found "${id}"`,
      );
    }
    return p;
  };
  interventions.forEach((iv, i) => {
    const at = `interventions[${i}]`;
    switch (iv.kind) {
      case "set_profile": {
        const profile = agent(iv.agent, `${at}.agent`);
        const r = profileSchema.safeParse({ ...profile, ...iv.patch, id: profile.id });
        if (!r.success) throw new ConfigError(source, `${at}.patch`, formatIssues(r.error.issues));
        break;
      }
      case "heterogeneous_friends":
        iv.agents?.forEach((id, k) => agent(id, `${at}.agents[${k}]`));
        break;
      case "inject_message":
        iv.to?.forEach((id, k) => agent(id, `${at}.to[${k}]`));
        iv.items.forEach((id, k) => {
          if (!catalog.has(id)) {
            throw new ConfigError(
              source,
              `${at}.items[${k}]`,
              `expected the id of a catalogue item, found "${id}"`,
            );
          }
        });
        break;
      case "feed_event":
        iv.posters.forEach((id, k) => agent(id, `${at}.posters[${k}]`));
        break;
      case "exploration":
        break;
    }
  });
}
