/**
 * Repairs text that was written as Windows-1252 and read back as Mac Roman (vega's movies
 * have "AmÈlie" for "Amélie" and "pi˘" for "più").
 *
 * @module
 */

/** Mac Roman's characters for bytes 0x80–0xFF, in byte order. */
const MAC_ROMAN_HIGH = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø" +
  "¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

const MAC_ROMAN_BYTE = new Map<string, number>(
  [...MAC_ROMAN_HIGH].map((ch, i) => [ch, 0x80 + i]),
);

const CP1252 = new TextDecoder("windows-1252");

/**
 * Undoes the Windows-1252 → Mac Roman mix-up when every non-ASCII character of the text is a
 * Mac Roman one (a text with "³" or "é" is left alone: it was never mis-decoded).
 *
 * @param text A possibly mis-decoded text.
 * @returns The repaired text, or the text itself when it does not look mis-decoded.
 *
 * @example Mac Roman mojibake repaired, real text kept
 * ```ts
 * import { repairMacRoman } from "@lib/recsys/mojibake.ts";
 * import assert from "node:assert/strict";
 * assert.equal(repairMacRoman("Le Fabuleux destin d'AmÈlie Poulain"), "Le Fabuleux destin d'Amélie Poulain");
 * assert.equal(repairMacRoman("The Naked Gun 2Ω"), "The Naked Gun 2½");
 * assert.equal(repairMacRoman("Alien³"), "Alien³");
 * ```
 */
export function repairMacRoman(text: string): string {
  const chars = [...text];
  if (!chars.some((c) => c.charCodeAt(0) > 0x7f)) return text;
  const bytes: number[] = [];
  for (const c of chars) {
    const code = c.charCodeAt(0);
    if (code <= 0x7f) bytes.push(code);
    else {
      const b = MAC_ROMAN_BYTE.get(c);
      if (b === undefined) return text;
      bytes.push(b);
    }
  }
  return CP1252.decode(new Uint8Array(bytes));
}
