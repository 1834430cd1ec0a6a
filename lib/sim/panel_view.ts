/** The state panel view now lives in lib/viz; this path keeps older imports working. @module */
export { panelView } from "../viz/panel_view.ts";
