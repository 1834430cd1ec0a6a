import assert from "node:assert/strict";
import {
  executeNotebook,
  figureStems,
  installKernelspec,
  listNotebooks,
  mapLimit,
  PROJECT_ROOT,
  requireJupyter,
} from "@lib/cli/notebook_exec.ts";

const OUT = `${PROJECT_ROOT}/tests/.out/notebooks`;
const MARK = /<(path|circle|rect|line|polyline|polygon|text)\b/;

/** Interval {value, lo, hi} with lo ≤ value ≤ hi. */
function assertInterval(x: { value: number; lo: number; hi: number }, what: string) {
  assert.ok(x.lo <= x.value && x.value <= x.hi, `${what}: ${JSON.stringify(x)}`);
}

/** The study tables some notebooks write, checked field by field. */
const STUDY_TABLES: Record<string, (dir: string) => void> = {
  "06_conformity": (dir) => {
    const t = JSON.parse(Deno.readTextFileSync(`${dir}/conformity_ablation.json`));
    const arms = ["full", "belief_off", "audience_off", "links_off", "traits_shuffled"];
    assert.deepEqual(t.arms.map((a: { arm: string }) => a.arm), arms);
    for (const a of t.arms) {
      assert.ok(a.seeds >= 10, `${a.arm}: ${a.seeds} seeds`);
      assertInterval(a.spreadFall, `${a.arm} spreadFall`);
    }
  },
  "14_musiclab": (dir) => {
    const t = JSON.parse(Deno.readTextFileSync(`${dir}/musiclab.json`));
    for (const c of ["independent", "social", "social_ranked"]) {
      assertInterval(t.conditions[c].gini, `${c} gini`);
      assertInterval(t.conditions[c].unpredictability, `${c} unpredictability`);
    }
    // The recorded LLM run travels with the rule brain's numbers, named as an LLM's.
    assert.equal(t.llm_dry_run?.brain, "llm", "musiclab.json lost its llm_dry_run section");
    assert.equal(typeof t.llm_dry_run.model, "string");
  },
  "05_information_cocoon": (dir) => {
    const t = JSON.parse(Deno.readTextFileSync(`${dir}/cocoon_entropy_by_algorithm.json`));
    assert.ok(t.table.some((r: { arm: string }) => r.arm === "MostPopular, repeats allowed"));
    assert.ok(t.curves.some((r: { measure: string }) => r.measure === "watched, cumulative"));
    assert.equal(typeof t.drift.source, "string");
  },
};

/** Figures a notebook promises in its metadata (metadata.socius.figures), if any. */
function promisedFigures(notebook: string): string[] {
  const nb = JSON.parse(Deno.readTextFileSync(notebook));
  return nb.metadata?.socius?.figures ?? [];
}

Deno.test("every notebook executes headlessly through the Deno kernel and writes non-blank figures", async (t) => {
  await requireJupyter();
  await installKernelspec();
  const notebooks = listNotebooks();
  assert.ok(notebooks.length > 0, "no notebooks found in notebooks/");
  await Deno.remove(OUT, { recursive: true }).catch(() => {});
  const runs = await mapLimit(notebooks, 2, (nb) => {
    const stem = nb.slice(nb.lastIndexOf("/") + 1, -".ipynb".length);
    return executeNotebook(nb, {
      outDir: `${OUT}/executed`,
      env: { SOCIUS_SIZE: "small", SOCIUS_FIGURES_DIR: `${OUT}/figures/${stem}` },
    });
  });
  for (const r of runs) {
    const stem = r.notebook.slice(r.notebook.lastIndexOf("/") + 1, -".ipynb".length);
    await t.step(`${stem} runs without a cell error and writes its figures`, () => {
      assert.ok(r.ok, `${stem} failed:\n${r.log}`);
      const dir = `${OUT}/figures/${stem}`;
      const stems = figureStems(dir);
      assert.ok(stems.length > 0, `${stem} wrote no figure`);
      for (const name of promisedFigures(r.notebook)) {
        assert.ok(stems.includes(name), `${stem} did not write the promised figure ${name}`);
      }
      if (stem === "15_realism") {
        const json = JSON.parse(Deno.readTextFileSync(`${dir}/eval/realism.json`));
        assert.deepEqual(Object.keys(json), ["reference", "brains"]);
        assert.deepEqual(Object.keys(json.brains), ["random", "rule", "fitted", "llm"]);
      }
      for (const s of stems) {
        const svg = Deno.readTextFileSync(`${dir}/${s}.svg`);
        assert.match(svg, MARK, `${s}.svg has no marks`);
        JSON.parse(Deno.readTextFileSync(`${dir}/${s}.json`));
      }
      STUDY_TABLES[stem]?.(dir);
    });
  }
});
