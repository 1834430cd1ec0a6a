/**
 * Former path of lib/social/spread/rule_sim.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/rule_sim.ts`.
 * @module
 */
export * from "@lib/social/spread/rule_sim.ts";
