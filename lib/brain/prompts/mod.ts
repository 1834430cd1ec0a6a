/**
 * Behaviour-adaptive prompts: templates (defaults, per-scenario override folders, validation,
 * hashing), the values each behaviour shows, and prompt assembly.
 *
 * @module
 */
export { buildPrompt } from "./build.ts";
export {
  parseTemplate,
  placeholders,
  renderTemplate,
  type TemplateNode,
  type TemplateValue,
  type TemplateVars,
} from "./render.ts";
export {
  loadTemplates,
  type PromptTemplates,
  TEMPLATE_NAMES,
  TEMPLATE_SPECS,
  templateHash,
  type TemplateName,
  type TemplateSpec,
  validateTemplate,
  withTemplates,
} from "./templates.ts";
export { asData, profileText, promptVars, socialSignals } from "./views.ts";
