/**
 * Former path of lib/eval/count_csv.ts, kept so that existing imports keep resolving.
 *
 * @deprecated Import from `@lib/eval/count_csv.ts`.
 * @module
 */
export * from "@lib/eval/count_csv.ts";
