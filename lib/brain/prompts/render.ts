/**
 * A tiny template language for prompts, small enough for a researcher to read in the template
 * files themselves: `{{name}}` inserts a value, `{{#list}}…{{/list}}` repeats for every element
 * of a list (or renders once for a non-empty value), `{{^list}}…{{/list}}` renders when the
 * list is empty or the value is falsy, and `{{.}}` is the current element. A section tag alone
 * on its line takes no line of its own in the output.
 *
 * @module
 */
import { ConfigError } from "../../core/errors.ts";

/** A value a template can show. */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | readonly TemplateValue[]
  | { readonly [key: string]: TemplateValue };

/** Values by placeholder name. */
export type TemplateVars = { readonly [key: string]: TemplateValue };

/** One node of a parsed template. */
export type TemplateNode =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string; line: number }
  | { kind: "section"; name: string; inverted: boolean; line: number; children: TemplateNode[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z_][\w]*|\.)\s*\}\}/g;

/**
 * Parses a template.
 *
 * @param text The template text.
 * @param source The file (or name) it came from, for error messages.
 * @returns The parsed nodes.
 * @throws ConfigError naming the source and the placeholder when sections do not nest.
 *
 * @example A section left open is named with its line
 * ```ts
 * import { parseTemplate } from "@lib/brain/prompts/render.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseTemplate("Hi {{name}}", "t.txt").length, 2);
 * assert.throws(() => parseTemplate("{{#a}}x", "t.txt"), /t\.txt: a: section opened on line 1 is never closed/);
 * ```
 */
export function parseTemplate(text: string, source: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const stack: { name: string; line: number; children: TemplateNode[] }[] = [];
  let out = root;
  let pos = 0;
  const lineAt = (i: number) => text.slice(0, i).split("\n").length;
  for (const m of text.matchAll(TAG)) {
    const start = m.index;
    let end = start + m[0].length;
    let before = text.slice(pos, start);
    const [, sigil, name] = m;
    if (sigil !== "") {
      // A section tag alone on its line: drop its indentation and its newline.
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      const nl = text.indexOf("\n", end);
      const lineEnd = nl === -1 ? text.length : nl;
      const standalone = lineStart >= pos &&
        /^[ \t]*$/.test(text.slice(lineStart, start)) &&
        /^[ \t\r]*$/.test(text.slice(end, lineEnd));
      if (standalone) {
        before = text.slice(pos, lineStart);
        end = nl === -1 ? text.length : nl + 1;
      }
    }
    if (before) out.push({ kind: "text", text: before });
    pos = end;
    const line = lineAt(start);
    if (sigil === "") {
      out.push({ kind: "var", name, line });
    } else if (sigil === "/") {
      const open = stack.pop();
      if (!open || open.name !== name) {
        throw new ConfigError(
          source,
          name,
          `line ${line}: {{/${name}}} closes ${open ? `{{#${open.name}}}` : "nothing"}`,
        );
      }
      out = stack.length ? stack[stack.length - 1].children : root;
    } else {
      const node: TemplateNode = {
        kind: "section",
        name,
        inverted: sigil === "^",
        line,
        children: [],
      };
      out.push(node);
      stack.push(node);
      out = node.children;
    }
  }
  if (stack.length) {
    const open = stack[stack.length - 1];
    throw new ConfigError(
      source,
      open.name,
      `section opened on line ${open.line} is never closed`,
    );
  }
  if (pos < text.length) out.push({ kind: "text", text: text.slice(pos) });
  return root;
}

/**
 * Renders a template with values.
 *
 * @param template The template text or its parsed nodes.
 * @param vars Values by placeholder name.
 * @param source The file (or name) it came from, for error messages.
 * @returns The rendered text.
 *
 * @example Lists, inverted sections and the current element
 * ```ts
 * import { renderTemplate } from "@lib/brain/prompts/render.ts";
 * import assert from "node:assert/strict";
 * const t = "Memories:\n{{#memories}}\n- {{.}}\n{{/memories}}\n{{^memories}}\n(none)\n{{/memories}}\n";
 * assert.equal(renderTemplate(t, { memories: ["a", "b"] }), "Memories:\n- a\n- b\n");
 * assert.equal(renderTemplate(t, { memories: [] }), "Memories:\n(none)\n");
 * assert.equal(renderTemplate("{{#items}}{{n}}. {{title}} {{/items}}", { items: [{ n: 1, title: "Up" }] }), "1. Up ");
 * ```
 */
export function renderTemplate(
  template: string | readonly TemplateNode[],
  vars: TemplateVars,
  source = "template",
): string {
  const nodes = typeof template === "string" ? parseTemplate(template, source) : template;
  return renderNodes(nodes, [vars]);
}

/**
 * Every placeholder a template uses, with the sections it sits in.
 *
 * @param nodes Parsed nodes.
 * @returns One entry per use: the name and the names of the enclosing sections, outermost first.
 */
export function placeholders(
  nodes: readonly TemplateNode[],
): { name: string; line: number; within: string[] }[] {
  const found: { name: string; line: number; within: string[] }[] = [];
  const walk = (list: readonly TemplateNode[], within: string[]) => {
    for (const n of list) {
      if (n.kind === "var") found.push({ name: n.name, line: n.line, within });
      if (n.kind === "section") {
        found.push({ name: n.name, line: n.line, within });
        walk(n.children, n.inverted ? within : [...within, n.name]);
      }
    }
  };
  walk(nodes, []);
  return found;
}

function renderNodes(nodes: readonly TemplateNode[], scopes: TemplateValue[]): string {
  let out = "";
  for (const n of nodes) {
    if (n.kind === "text") out += n.text;
    else if (n.kind === "var") out += show(lookup(n.name, scopes));
    else {
      const value = lookup(n.name, scopes);
      if (n.inverted) {
        if (!truthy(value)) out += renderNodes(n.children, scopes);
      } else if (Array.isArray(value)) {
        for (const v of value) out += renderNodes(n.children, [...scopes, v]);
      } else if (truthy(value)) {
        out += renderNodes(n.children, [...scopes, value]);
      }
    }
  }
  return out;
}

function lookup(name: string, scopes: readonly TemplateValue[]): TemplateValue {
  if (name === ".") return scopes[scopes.length - 1];
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i];
    if (s !== null && typeof s === "object" && !Array.isArray(s) && Object.hasOwn(s, name)) {
      return (s as Record<string, TemplateValue>)[name];
    }
  }
  return null;
}

function truthy(v: TemplateValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== false && v !== "" && v !== 0;
}

function show(v: TemplateValue): string {
  if (v === null) return "";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
