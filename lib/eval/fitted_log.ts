/**
 * The fitted choice model fitted on a MovieLens release, optionally only on the ratings made
 * before a time (so agents simulated from that time on know nothing later).
 *
 * @module
 */
import { fitChoiceModel, type FittedModel } from "../brain/fitted/model.ts";
import type { TrainingOptions } from "../brain/fitted/training.ts";
import { ratingLog } from "./log_sweep.ts";
import type { SelectionData } from "./selection_data.ts";

/**
 * Fits the model on a release.
 *
 * @param data The data (from readSelectionData).
 * @param before Unix seconds: only ratings strictly earlier are used (default: all).
 * @param options Training sizes and seed.
 * @returns The model.
 */
export function fitOnMovieLens(
  data: SelectionData,
  before = Infinity,
  options: TrainingOptions = {},
): FittedModel {
  const log = ratingLog(data);
  const byUser = new Map(
    [...log.byUser].map(([u, list]) => [u, list.filter((r) => r.timestamp < before)] as const)
      .filter(([, list]) => list.length > 0),
  );
  const label = `${data.source}, ${byUser.size} users${
    before === Infinity ? "" : ` before ${new Date(before * 1000).toISOString().slice(0, 10)}`
  }`;
  return fitChoiceModel({ byUser, items: log.items }, label, options);
}
