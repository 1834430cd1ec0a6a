/**
 * Former path of lib/social/spread/rule_population.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/rule_population.ts`.
 * @module
 */
export * from "@lib/social/spread/rule_population.ts";
