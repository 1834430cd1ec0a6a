/**
 * Figures and tables for notebooks and reports.
 *
 * @module
 */
export {
  type Displayable,
  escapeHtml,
  html,
  JUPYTER_DISPLAY,
  type MimeBundle,
  show,
} from "./display.ts";
export { type Figure, figure, type FigureOptions, renderPlot } from "./figure.ts";
export { figuresDir } from "./paths.ts";
export { panelView, type StatePanel } from "./panel_view.ts";
export { tableView, type TableViewOptions } from "./table.ts";
export {
  type ColumnKind,
  crosstab,
  type FrameSchema,
  frameSchema,
  frameView,
  fromDataFrame,
  loadDanfo,
  toDataFrame,
} from "./dataframe.ts";
