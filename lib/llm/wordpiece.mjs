// @ts-check
/**
 * BERT WordPiece tokenizer read from a Hugging Face `tokenizer.json` (BertNormalizer with
 * lower-casing, BertPreTokenizer, WordPiece with "##" continuations, [CLS] … [SEP]). Plain
 * JavaScript so the Deno embedder and the Node.js model server share one implementation.
 *
 * @module
 */

/**
 * @typedef {object} WordPieceTokenizer
 * @property {(text: string, maxLength?: number) => number[]} encode Token ids with [CLS]/[SEP].
 * @property {number} vocabSize Vocabulary size.
 */

/**
 * Builds a tokenizer from the parsed JSON of a `tokenizer.json` whose model is WordPiece.
 *
 * @param {any} json The parsed tokenizer.json.
 * @returns {WordPieceTokenizer} The tokenizer.
 *
 * @example Encoding with a tiny vocabulary
 * ```ts
 * import { wordPieceFromJson } from "@lib/llm/wordpiece.mjs";
 * import assert from "node:assert/strict";
 * const vocab = { "[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, "play": 4, "##ing": 5, "!": 6 };
 * const tok = wordPieceFromJson({ model: { type: "WordPiece", vocab, unk_token: "[UNK]" } });
 * assert.deepEqual(tok.encode("Playing!"), [2, 4, 5, 6, 3]);
 * assert.deepEqual(tok.encode("xyz"), [2, 1, 3]);
 * ```
 */
export function wordPieceFromJson(json) {
  const model = json?.model;
  if (!model || model.type !== "WordPiece" || typeof model.vocab !== "object") {
    throw new Error("tokenizer.json: model: expected a WordPiece model");
  }
  /** @type {Map<string, number>} */
  const vocab = new Map(Object.entries(model.vocab).map(([k, v]) => [k, Number(v)]));
  const prefix = model.continuing_subword_prefix ?? "##";
  const maxChars = model.max_input_chars_per_word ?? 100;
  const id = (/** @type {string} */ t) => {
    const v = vocab.get(t);
    if (v === undefined) throw new Error(`tokenizer.json: vocab: expected "${t}"`);
    return v;
  };
  const unk = id(model.unk_token ?? "[UNK]");
  const cls = id("[CLS]");
  const sep = id("[SEP]");

  /** @param {string} word */
  const pieces = (word) => {
    if (word.length > maxChars) return [unk];
    /** @type {number[]} */
    const out = [];
    let start = 0;
    while (start < word.length) {
      let end = word.length;
      let found = -1;
      while (start < end) {
        const sub = (start > 0 ? prefix : "") + word.slice(start, end);
        const v = vocab.get(sub);
        if (v !== undefined) {
          found = v;
          break;
        }
        end--;
      }
      if (found < 0) return [unk];
      out.push(found);
      start = end;
    }
    return out;
  };

  return {
    vocabSize: vocab.size,
    encode(text, maxLength = 256) {
      /** @type {number[]} */
      const ids = [];
      for (const word of preTokenize(normalize(text))) ids.push(...pieces(word));
      return [cls, ...ids.slice(0, Math.max(0, maxLength - 2)), sep];
    },
  };
}

/**
 * BertNormalizer: drop control characters, spaces around CJK ideographs, lower-case and strip
 * accents (as BERT uncased does when strip_accents is unset and lowercase is on).
 *
 * @param {string} text
 * @returns {string}
 */
function normalize(text) {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0 || cp === 0xfffd || isControl(ch)) continue;
    if (isCjk(cp)) out += ` ${ch} `;
    else out += /\s/.test(ch) ? " " : ch;
  }
  return out.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
}

/**
 * BertPreTokenizer: split on white space, and every punctuation character is its own word.
 *
 * @param {string} text
 * @returns {string[]}
 */
function preTokenize(text) {
  /** @type {string[]} */
  const words = [];
  for (const chunk of text.split(/\s+/)) {
    let cur = "";
    for (const ch of chunk) {
      if (isPunct(ch)) {
        if (cur) words.push(cur);
        words.push(ch);
        cur = "";
      } else cur += ch;
    }
    if (cur) words.push(cur);
  }
  return words;
}

/** @param {string} ch */
function isControl(ch) {
  if (ch === "\t" || ch === "\n" || ch === "\r") return false;
  return /\p{Cc}|\p{Cf}/u.test(ch);
}

/** @param {string} ch */
function isPunct(ch) {
  const cp = ch.codePointAt(0) ?? 0;
  if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96)) return true;
  if (cp >= 123 && cp <= 126) return true;
  return /\p{P}/u.test(ch);
}

/** @param {number} cp */
function isCjk(cp) {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) || (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) || (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}
