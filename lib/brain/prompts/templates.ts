/**
 * Prompt templates: the defaults shipped in `templates/`, overridable per scenario by a folder
 * of `<name>.txt` files, validated when loaded (every required placeholder present, no unknown
 * ones) and hashed for the run manifest so a run records exactly which wording it used.
 *
 * @module
 */
import { ConfigError } from "../../core/errors.ts";
import { sha256Hex } from "../../core/hash.ts";
import { parseTemplate, placeholders, type TemplateNode } from "./render.ts";

/** Template names: the system message and one user message per behaviour. */
export const TEMPLATE_NAMES = [
  "system",
  "choose",
  "browse",
  "feel",
  "social",
  "interview",
] as const;

/** One template name. */
export type TemplateName = typeof TEMPLATE_NAMES[number];

/** What a template may use: top-level names, each list's element fields, and what it must use. */
export interface TemplateSpec {
  /** Placeholders that must appear (the parts of a behaviour-adaptive prompt). */
  required: readonly string[];
  /** Known top-level names; a list maps to its element fields (`[]` for a list of strings). */
  vars: Readonly<Record<string, readonly string[] | null>>;
}

const COMMON = { name: null, profile: null, time: null, memories: [] } as const;
const REQUIRED = ["profile", "time", "memories"] as const;
const RECENT = ["title", "genres", "rating"] as const;
const SEEN = ["title", "year", "genres", "description", "social"] as const;

/** Placeholders of every template (see the default files for how each is used). */
export const TEMPLATE_SPECS: Readonly<Record<TemplateName, TemplateSpec>> = {
  system: { required: ["name"], vars: { name: null } },
  choose: {
    required: [...REQUIRED, "unread"],
    vars: { ...COMMON, unread: null, has_friends: null },
  },
  browse: {
    required: [...REQUIRED, "items"],
    vars: {
      ...COMMON,
      items: ["n", "id", ...SEEN],
      page: null,
      query: null,
      watched_count: null,
    },
  },
  feel: {
    required: [...REQUIRED, "item_title"],
    vars: {
      ...COMMON,
      ...Object.fromEntries(SEEN.map((f) => [`item_${f}`, null])),
    },
  },
  social: {
    required: [...REQUIRED, "friends", "recent", "inbox"],
    vars: {
      ...COMMON,
      friends: ["id", "name", "closeness", "interests"],
      recent: RECENT,
      inbox: ["from", "text"],
    },
  },
  interview: {
    required: [...REQUIRED, "question"],
    vars: { ...COMMON, question: null, recent: RECENT },
  },
};

/** A validated set of templates, with where each came from. */
export interface PromptTemplates {
  /** Template text by name. */
  readonly texts: Readonly<Record<TemplateName, string>>;
  /** File (or "default:<name>" / "inline:<name>") each text came from. */
  readonly sources: Readonly<Record<TemplateName, string>>;
  /** Parsed templates by name. */
  readonly parsed: Readonly<Record<TemplateName, readonly TemplateNode[]>>;
}

/**
 * Checks one template against its spec.
 *
 * @param name Which template.
 * @param text Its text.
 * @param source The file it came from (named in errors).
 * @returns The parsed template.
 * @throws ConfigError naming the file and the missing or unknown placeholder.
 *
 * @example A template that forgets the memories is rejected by name
 * ```ts
 * import { validateTemplate } from "@lib/brain/prompts/templates.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => validateTemplate("feel", "{{profile}} {{time}} <{{item_title}}>", "my/feel.txt"),
 *   /my\/feel\.txt: memories: required placeholder is missing/,
 * );
 * assert.throws(() => validateTemplate("system", "{{name}} {{mood}}", "s.txt"), /s\.txt: mood: unknown placeholder/);
 * ```
 */
export function validateTemplate(
  name: TemplateName,
  text: string,
  source: string,
): TemplateNode[] {
  const spec = TEMPLATE_SPECS[name];
  const nodes = parseTemplate(text, source);
  const uses = placeholders(nodes);
  for (const req of spec.required) {
    if (!uses.some((u) => u.name === req && u.within.length === 0)) {
      throw new ConfigError(
        source,
        req,
        `required placeholder is missing (write {{${req}}}${
          spec.vars[req] ? ` or {{#${req}}}…{{/${req}}}` : ""
        } at the top level)`,
      );
    }
  }
  for (const u of uses) {
    if (u.name === "." ? u.within.length > 0 : known(spec, u.name, u.within)) continue;
    const allowed = [
      ...Object.keys(spec.vars),
      ...u.within.flatMap((w) => spec.vars[w] ?? []),
    ];
    throw new ConfigError(
      source,
      u.name,
      `unknown placeholder on line ${u.line} (known here: ${[...new Set(allowed)].join(", ")})`,
    );
  }
  return nodes;
}

function known(spec: TemplateSpec, name: string, within: readonly string[]): boolean {
  if (name in spec.vars) return true;
  return within.some((w) => (spec.vars[w] ?? []).includes(name));
}

const DEFAULTS_DIR = new URL("./templates/", import.meta.url);

/**
 * Loads the templates: the defaults, with any `<name>.txt` in `dir` taking their place.
 *
 * @param dir A folder of override files (optional; missing files fall back to the defaults).
 * @returns Validated templates.
 * @throws ConfigError for a bad template (naming its file) or a `.txt` file that names no template.
 *
 * @example The defaults load and validate
 * ```ts
 * import { loadTemplates } from "@lib/brain/prompts/templates.ts";
 * import assert from "node:assert/strict";
 * const t = await loadTemplates();
 * assert.match(t.texts.feel, /\{\{item_title\}\}/);
 * assert.equal(t.sources.feel, "default:feel");
 * ```
 */
export async function loadTemplates(dir?: string | URL): Promise<PromptTemplates> {
  const texts = {} as Record<TemplateName, string>;
  const sources = {} as Record<TemplateName, string>;
  const base = dir === undefined ? undefined : dirUrl(dir);
  if (base) await rejectStrayFiles(base);
  for (const name of TEMPLATE_NAMES) {
    const file = base ? new URL(`${name}.txt`, base) : undefined;
    const override = file ? await readIfExists(file) : null;
    if (file && override !== null) {
      texts[name] = override;
      sources[name] = decodeURIComponent(file.pathname);
    } else {
      texts[name] = await Deno.readTextFile(new URL(`${name}.txt`, DEFAULTS_DIR));
      sources[name] = `default:${name}`;
    }
  }
  return buildTemplates(texts, sources);
}

/**
 * Templates from strings (a notebook's inline overrides) on top of a base set.
 *
 * @param overrides Template texts by name.
 * @param base The set to override (e.g. from {@link loadTemplates}).
 * @returns Validated templates; overridden ones have the source "inline:<name>".
 */
export function withTemplates(
  overrides: Partial<Record<TemplateName, string>>,
  base: PromptTemplates,
): PromptTemplates {
  const texts = { ...base.texts };
  const sources = { ...base.sources };
  for (const [name, text] of Object.entries(overrides) as [TemplateName, string][]) {
    if (!TEMPLATE_NAMES.includes(name)) {
      throw new ConfigError(
        "inline templates",
        name,
        `expected one of ${TEMPLATE_NAMES.join(", ")}`,
      );
    }
    texts[name] = text;
    sources[name] = `inline:${name}`;
  }
  return buildTemplates(texts, sources);
}

/**
 * SHA-256 of the templates in use, for the run manifest: any change of wording changes it.
 *
 * @param templates The templates.
 * @returns 64 hex characters.
 *
 * @example Changing a template changes the hash
 * ```ts
 * import { loadTemplates, templateHash, withTemplates } from "@lib/brain/prompts/templates.ts";
 * import assert from "node:assert/strict";
 * const t = await loadTemplates();
 * const changed = withTemplates({ system: "I am {{name}}." }, t);
 * assert.notEqual(await templateHash(t), await templateHash(changed));
 * ```
 */
export function templateHash(templates: PromptTemplates): Promise<string> {
  return sha256Hex(
    TEMPLATE_NAMES.map((n) => `${n}\u0000${templates.texts[n]}`).join("\u0001"),
  );
}

function buildTemplates(
  texts: Record<TemplateName, string>,
  sources: Record<TemplateName, string>,
): PromptTemplates {
  const parsed = {} as Record<TemplateName, TemplateNode[]>;
  for (const name of TEMPLATE_NAMES) {
    parsed[name] = validateTemplate(name, texts[name], sources[name]);
  }
  return { texts, sources, parsed };
}

function dirUrl(dir: string | URL): URL {
  if (dir instanceof URL) return dir.href.endsWith("/") ? dir : new URL(`${dir.href}/`);
  const abs = dir.startsWith("/") ? dir : `${Deno.cwd()}/${dir}`;
  const url = new URL(`file://${abs}`);
  return url.href.endsWith("/") ? url : new URL(`${url.href}/`);
}

async function readIfExists(file: URL): Promise<string | null> {
  try {
    return await Deno.readTextFile(file);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

async function rejectStrayFiles(dir: URL): Promise<void> {
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.endsWith(".txt")) continue;
      const name = entry.name.slice(0, -4);
      if (!(TEMPLATE_NAMES as readonly string[]).includes(name)) {
        throw new ConfigError(
          decodeURIComponent(new URL(entry.name, dir).pathname),
          name,
          `not a template name (expected one of ${TEMPLATE_NAMES.join(", ")})`,
        );
      }
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new ConfigError(decodeURIComponent(dir.pathname), "dir", "template folder not found");
    }
    throw e;
  }
}
