/**
 * Tools around the workbench rather than inside a simulation: the headless Chromium launcher
 * (dashboard screenshots, browser tests) and the headless notebook executor (tests, reports).
 *
 * @module
 */
export { CHROMIUM_FLAGS, CHROMIUM_HINT, chromiumPath, launchChromium } from "./chromium.ts";
export {
  executeNotebook,
  type ExecuteOptions,
  figureStems,
  installKernelspec,
  JUPYTER_HINT,
  listNotebooks,
  type NotebookRun,
  requireJupyter,
} from "./notebook_exec.ts";
