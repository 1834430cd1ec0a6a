/**
 * Former path of lib/sim/agent_spread.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/sim/agent_spread.ts`.
 * @module
 */
export * from "@lib/sim/agent_spread.ts";
