/**
 * Synthetic cascades written in the public Twitter15/16 layout (`twitter15/tree/<id>.txt`,
 * `twitter16/tree/<id>.txt`, each folder with a `label.txt`), so the cascade evaluation can be
 * run and tested without third-party data. The trees come from a seeded process that is not
 * any of the evaluated models: each cascade has a lognormal virality that sets its size, users
 * arrive with lognormal delays (most within the first hours, a few days later), and each
 * retweet is credited to the source with a fixed chance, else to an earlier retweeter, which
 * keeps the trees as shallow as Twitter's. The files carry the real quirks: exact duplicate
 * lines, negative delays, lines listed before their parent's line, children reached before
 * their parent (some parents a whole day after the window), a user retweeting twice, and
 * stragglers more than a year late.
 *
 * @module
 */
import { Rng } from "@lib/core/rng.ts";

/** Options of {@link writeTwitterLayout}. */
export interface LayoutOptions {
  /** Seed of every draw. */
  seed: number | string;
  /** Cascades per folder (twitter15, twitter16); default 30. */
  perFolder?: number;
  /** Median cascade size in users (default 80). */
  medianSize?: number;
  /** Spread of log size (default 0.8). */
  sizeSigma?: number;
  /** Largest cascade (default 1000). */
  maxSize?: number;
  /** Median delay of a retweet in minutes (default 45). */
  medianDelayMin?: number;
  /** Chance that a retweet is credited to the source (default 0.75). */
  rootShare?: number;
}

/** One written cascade. */
export interface LayoutCascade {
  /** "twitter15" or "twitter16". */
  source: string;
  /** The source tweet id. */
  id: string;
  /** The source's user id. */
  rootUser: string;
  /** Users written (distinct child lines, duplicates and quirks included). */
  lines: number;
}

const LABELS = ["non-rumor", "false", "true", "unverified"] as const;
const YEAR_MIN = 525_600;

/**
 * Writes a synthetic Twitter15/16 folder.
 *
 * @param dir The folder to create (gets `twitter15/` and `twitter16/`).
 * @param options Seed and sizes.
 * @returns The cascades written, in folder then id order.
 *
 * @example Two folders of trees that the loader reads back
 * ```ts
 * import { writeTwitterLayout } from "@lib/eval/cascades_layout.ts";
 * import { loadTwitterDir } from "@lib/eval/twitter_tree.ts";
 * import assert from "node:assert/strict";
 * const dir = await Deno.makeTempDir();
 * const written = await writeTwitterLayout(dir, { seed: 1, perFolder: 3, medianSize: 20 });
 * assert.equal(written.length, 6);
 * const t15 = await loadTwitterDir(`${dir}/twitter15`);
 * assert.equal(t15.length, 3);
 * assert.ok(t15.every((c) => c.label !== null && c.edges.length > 1));
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeTwitterLayout(
  dir: string,
  options: LayoutOptions,
): Promise<LayoutCascade[]> {
  const rng = new Rng(`twitter-layout:${options.seed}`);
  const per = options.perFolder ?? 30;
  const out: LayoutCascade[] = [];
  let nextUser = 10_000_000;
  for (const [k, source] of ["twitter15", "twitter16"].entries()) {
    await Deno.mkdir(`${dir}/${source}/tree`, { recursive: true });
    const labels: string[] = [];
    const folder: LayoutCascade[] = [];
    for (let c = 0; c < per; c++) {
      const id = String(
        500_000_000_000_000_000n + BigInt(k * 1_000_000 + c * 7919 + rng.int(7000)),
      );
      const rootUser = String(nextUser++);
      const tree = treeLines(
        rng.fork(`${source}:${c}`),
        id,
        rootUser,
        () => String(nextUser++),
        options,
      );
      await Deno.writeTextFile(`${dir}/${source}/tree/${id}.txt`, tree.join("\n") + "\n");
      labels.push(`${LABELS[rng.int(LABELS.length)]}:${id}`);
      folder.push({ source, id, rootUser, lines: tree.length });
    }
    await Deno.writeTextFile(`${dir}/${source}/label.txt`, labels.join("\n") + "\n");
    out.push(...folder.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }
  return out;
}

interface Node {
  user: string;
  delay: string;
  parent: number;
}

function treeLines(
  rng: Rng,
  id: string,
  rootUser: string,
  newUser: () => string,
  options: LayoutOptions,
): string[] {
  const median = options.medianSize ?? 80;
  const sigma = options.sizeSigma ?? 0.8;
  const size = Math.min(
    options.maxSize ?? 1000,
    Math.max(3, Math.round(median * Math.exp(sigma * rng.normal()))),
  );
  const delayMu = Math.log(options.medianDelayMin ?? 45);
  const rootShare = options.rootShare ?? 0.75;
  const times: number[] = [];
  for (let k = 1; k < size; k++) {
    // One in forty arrives days later; the rest follow a lognormal clock.
    times.push(
      rng.bool(0.025) ? rng.uniform(1440, 10_080) : Math.exp(delayMu + 1.3 * rng.normal()),
    );
  }
  times.sort((a, b) => a - b);
  const nodes: Node[] = [{ user: rootUser, delay: "0.0", parent: -1 }];
  for (const t of times) {
    const parent = nodes.length === 1 || rng.bool(rootShare) ? 0 : 1 + rng.int(nodes.length - 1);
    nodes.push({ user: newUser(), delay: t.toFixed(2), parent });
  }
  const triple = (n: Node) => `['${n.user}', '${id}', '${n.delay}']`;
  // Quirks, each on a few nodes: a user retweeting twice, a negative delay, a child reached
  // before its parent, a parent reached after the window (a day late) with an earlier child,
  // and a straggler a year late.
  if (nodes.length > 4) {
    const again = nodes[1 + rng.int(nodes.length - 1)];
    nodes.push({ user: again.user, delay: (Number(again.delay) + 30).toFixed(2), parent: 0 });
    nodes[1 + rng.int(nodes.length - 1)].delay = (-rng.uniform(0.1, 3)).toFixed(2);
    const late = 1 + rng.int(nodes.length - 1);
    nodes[late].delay = (Number(nodes[late].delay) + 1440).toFixed(2);
    nodes.push({ user: newUser(), delay: rng.uniform(1, 30).toFixed(2), parent: late });
    nodes.push({ user: newUser(), delay: (YEAR_MIN + rng.uniform(0, 1e5)).toFixed(2), parent: 0 });
  }
  const lines = [`['ROOT', 'ROOT', '0.0']->${triple(nodes[0])}`];
  for (let k = 1; k < nodes.length; k++) {
    lines.push(`${triple(nodes[nodes[k].parent])}->${triple(nodes[k])}`);
  }
  // Exact duplicates, and a few lines moved before their parent's line.
  const dupes = Math.max(1, Math.round(lines.length * 0.02));
  for (let d = 0; d < dupes; d++) lines.push(lines[1 + rng.int(lines.length - 1)]);
  for (let s = 0; s < Math.max(1, Math.round(lines.length * 0.02)); s++) {
    const a = 1 + rng.int(lines.length - 1), b = 1 + rng.int(lines.length - 1);
    [lines[a], lines[b]] = [lines[b], lines[a]];
  }
  return lines;
}
