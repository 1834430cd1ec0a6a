/**
 * Former path of lib/memory/message_pool.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/memory/message_pool.ts`.
 * @module
 */
export * from "@lib/memory/message_pool.ts";
