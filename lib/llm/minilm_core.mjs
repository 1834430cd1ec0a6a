// @ts-check
/**
 * all-MiniLM-L6-v2 sentence embeddings on onnxruntime: WordPiece ids, the transformer's last
 * hidden state, mean pooling over real tokens, L2 normalisation (sentence-transformers'
 * pipeline for this model). Plain JavaScript, shared by the Deno embedder and the Node.js
 * model server, so both give the same vectors.
 *
 * @module
 */
import { wordPieceFromJson } from "./wordpiece.mjs";

/**
 * @typedef {object} MiniLmSession
 * @property {(texts: readonly string[]) => Promise<Float32Array[]>} embed Unit vectors, in order.
 * @property {(text: string) => number} countTokens Tokens of one text, [CLS] and [SEP] included.
 * @property {number} dim 384.
 */

/**
 * Opens the model. Each text runs alone (no padded batches), so a text's vector never
 * depends on what else was embedded with it.
 *
 * @param {any} ort The onnxruntime-node module.
 * @param {string} modelPath The model.onnx file.
 * @param {any} tokenizerJson The parsed tokenizer.json.
 * @param {number} [maxLength] Longest token sequence (256, the model's limit).
 * @returns {Promise<MiniLmSession>}
 */
export async function openMiniLm(ort, modelPath, tokenizerJson, maxLength = 256) {
  const tokenizer = wordPieceFromJson(tokenizerJson);
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: "all",
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  /** @type {string[]} */
  const inputs = session.inputNames;
  const dim = 384;
  /** @param {string} text */
  const one = async (text) => {
    const ids = tokenizer.encode(text, maxLength);
    const n = ids.length;
    const shape = [1, n];
    /** @type {Record<string, any>} */
    const feeds = {
      input_ids: new ort.Tensor("int64", BigInt64Array.from(ids, (v) => BigInt(v)), shape),
      attention_mask: new ort.Tensor("int64", new BigInt64Array(n).fill(1n), shape),
    };
    if (inputs.includes("token_type_ids")) {
      feeds.token_type_ids = new ort.Tensor("int64", new BigInt64Array(n), shape);
    }
    const out = await session.run(feeds);
    const hidden = /** @type {Float32Array} */ (out[session.outputNames[0]].data);
    const width = hidden.length / n;
    const v = new Float32Array(width);
    for (let t = 0; t < n; t++) for (let d = 0; d < width; d++) v[d] += hidden[t * width + d];
    let norm = 0;
    for (let d = 0; d < width; d++) {
      v[d] /= n;
      norm += v[d] * v[d];
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < width; d++) v[d] /= norm;
    return v;
  };
  return {
    dim,
    countTokens: (text) => tokenizer.encode(text, maxLength).length,
    async embed(texts) {
      /** @type {Float32Array[]} */
      const out = [];
      for (const t of texts) out.push(t.trim() === "" ? new Float32Array(dim) : await one(t));
      return out;
    },
  };
}
