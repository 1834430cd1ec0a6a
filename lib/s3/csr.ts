/**
 * Former path of lib/social/spread/csr.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/social/spread/csr.ts`.
 * @module
 */
export * from "@lib/social/spread/csr.ts";
