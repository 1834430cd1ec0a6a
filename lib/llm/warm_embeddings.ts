/**
 * Embeds the bundled vega catalog's search texts once with MiniLM, so that the first run on a
 * machine does not spend minutes on it (the vectors go into MiniLM's per-machine cache file).
 * `deno task models` calls it; it is quick when the cache is already warm.
 *
 * @module
 */
import { installedMiniLm } from "./local_models.ts";
import { MiniLmEmbedder } from "./minilm_embedder.ts";
import { loadVegaCatalog } from "../recsys/load_vega.ts";
import { ItemSearch } from "../recsys/search.ts";

/**
 * Fills the MiniLM cache with the vega catalog's title and description texts.
 *
 * @returns How many items were indexed (0 when MiniLM is not installed).
 */
export async function warmCatalogEmbeddings(): Promise<number> {
  if (!installedMiniLm()) return 0;
  const { catalog } = await loadVegaCatalog();
  await ItemSearch.create(catalog, await MiniLmEmbedder.open());
  return catalog.size;
}
