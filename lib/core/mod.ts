/**
 * The core: seeded randomness, hashing and typed errors. Imports nothing else of ours.
 *
 * @module
 */
export { ConfigError, DataError, formatIssues, formatPath, SociusError } from "./errors.ts";
export { fmix32, hash32, sha256Hex } from "./hash.ts";
export { envNumber, envString, runSize } from "./params.ts";
export { mapLimit } from "./concurrency.ts";
export { csvField, type CsvRecord, formatCsv, parseCsv } from "./csv.ts";
export { cosine, normalize } from "./vector.ts";
export { type IndexScore, topK } from "./top_k.ts";
export { Rng, type RngState } from "./rng.ts";
export { fitParetoAlpha, meanCI, quantile, tQuantile975 } from "./stats.ts";
