/** The notebook executor now lives in lib/tools; this path keeps older imports working. @module */
export * from "../tools/notebook_exec.ts";
