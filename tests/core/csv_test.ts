// parseCsv by value: BOM, blank lines, CR / LF / CRLF line ends and line numbers, quoted
// fields spanning lines, and the exact errors of a broken quote.
import assert from "node:assert/strict";
import { DataError } from "@lib/core/errors.ts";
import { parseCsv } from "@lib/core/csv.ts";

const fields = (text: string) => parseCsv(text, "t.csv").map((r) => r.fields);

Deno.test("a BOM is dropped only at the start; blank lines are skipped but counted", () => {
  assert.deepEqual(fields("\ufeffa,b\n1,2\n"), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(fields("a,\ufeffb"), [["a", "\ufeffb"]]);
  const rows = parseCsv("a\n\n\nb\n", "t.csv");
  assert.deepEqual(rows, [{ fields: ["a"], line: 1 }, { fields: ["b"], line: 4 }]);
  assert.deepEqual(parseCsv("", "t.csv"), []);
});

Deno.test("CR, LF and CRLF each end one record, and lines are numbered through them", () => {
  const rows = parseCsv("a\rb\r\nc\nd", "t.csv");
  assert.deepEqual(rows.map((r) => [r.fields[0], r.line]), [["a", 1], ["b", 2], ["c", 3], [
    "d",
    4,
  ]]);
  assert.deepEqual(fields("x,\r\n"), [["x", ""]], "a trailing empty field is kept");
  assert.deepEqual(fields(",\n"), [["", ""]]);
  assert.deepEqual(fields("a,b"), [["a", "b"]], "no final line end");
  assert.deepEqual(fields('""'), [], "a record of one empty field reads as a blank line");
});

Deno.test("a quoted field may hold commas, quotes and line breaks; the next record's line follows", () => {
  const rows = parseCsv('"a\nb",c\n"x""y",z\n', "t.csv");
  assert.deepEqual(rows, [
    { fields: ["a\nb", "c"], line: 1 },
    { fields: ['x"y', "z"], line: 3 },
  ]);
  assert.deepEqual(fields('"a",\r\n'), [["a", ""]]);
  assert.deepEqual(fields('"a"\r"b"'), [["a"], ["b"]]);
});

Deno.test("a broken quote is a DataError naming the file, the line and the column", () => {
  const broken = (text: string, message: string) =>
    assert.throws(() => parseCsv(text, "t.csv"), (e: unknown) => {
      assert.ok(e instanceof DataError);
      assert.equal(e.message, message);
      return true;
    });
  broken('a\n1,"open\nmore', "t.csv:2: unterminated quoted field (column 2)");
  broken('x\n"a"b,c', 't.csv:2: unexpected character "b" after closing quote (column 1)');
  broken('"a\n"x,c', 't.csv:2: unexpected character "x" after closing quote (column 1)');
});
