// The hashes by known values: FNV-1a with Murmur3's finaliser, computed independently (Python
// integer arithmetic), and SHA-256 against its published test vector.
import assert from "node:assert/strict";
import { fmix32, hash32, sha256Hex } from "@lib/core/hash.ts";

Deno.test("fmix32 is Murmur3's 32-bit finaliser", () => {
  assert.equal(fmix32(0), 0);
  assert.equal(fmix32(1), 1364076727);
  assert.equal(fmix32(0xffffffff), 2180083513);
  assert.equal(fmix32(-1), 2180083513, "taken as an unsigned 32-bit word");
});

Deno.test("hash32 is FNV-1a over UTF-16 code units, seeded into the offset basis, then mixed", () => {
  assert.equal(hash32(""), fmix32(0x811c9dc5));
  assert.equal(hash32(""), 2872998923);
  assert.equal(hash32("a"), 444641715);
  assert.equal(hash32("a", 7), 3736780160);
  assert.equal(hash32("socius"), 2254678678);
  assert.equal(hash32("é"), 3136788073);
  assert.notEqual(hash32("ab"), hash32("ba"), "order matters");
});

Deno.test("sha256Hex matches the FIPS 180-2 vector for 'abc', lower-case and zero-padded", async () => {
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  // A digest byte below 0x10 keeps its leading zero: 64 characters always.
  for (const t of ["", "x", "socius", "0"]) assert.match(await sha256Hex(t), /^[0-9a-f]{64}$/);
  assert.equal(
    await sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});
