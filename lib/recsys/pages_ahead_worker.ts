/**
 * The worker thread of {@link PagesAhead}: computes a round's pages from the last user
 * backwards until it meets the turns coming forwards, then ends.
 *
 * @module
 */
import { computeAhead, type PagesAheadJob } from "./pages_ahead.ts";

self.onmessage = (e: MessageEvent<PagesAheadJob>) => {
  self.postMessage(computeAhead(e.data));
  self.close();
};
