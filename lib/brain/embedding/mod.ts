/**
 * The embedding baseline brain (the paper's "Embedding": mean history embedding vs candidates).
 *
 * @module
 */
export { EmbeddingBrain, type EmbeddingBrainOptions, itemText } from "./embedding_brain.ts";
