/** The Chromium launcher now lives in lib/tools; this path keeps older imports working. @module */
export * from "../tools/chromium.ts";
