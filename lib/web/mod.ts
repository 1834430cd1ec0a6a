/**
 * The web dashboard and human-agent collaborative simulation: a page served by Deno over a
 * live or saved run (state panel, relationship graph, profile cards, streamed log, controls,
 * charts), where a person can play a user alongside the agents. The same controls are
 * callable from a notebook through {@link DashboardSession}.
 *
 * @module
 */
export { type DashboardMessage, type DashboardOptions, DashboardSession } from "./session.ts";
export { DashboardView, type LogFilter } from "./session_view.ts";
export { type DashboardServer, type ServeOptions, startDashboard } from "./server.ts";
export { askAgent, ConflictError, friendReply, interviewContext, SeatHandle } from "./seat.ts";
export { type SeatingOptions, seatPerson, unseatPerson } from "./seating.ts";
export { type ItemView, type SeatView, seatView } from "./seat_view.ts";
export {
  agentActivities,
  type AgentActivity,
  type AgentCard,
  agentCard,
  type DashboardState,
  dashboardState,
  type LogLine,
  logLine,
} from "./views.ts";
export { activityChart, entropyChart, GraphLayouts, type GraphView } from "./charts.ts";
export {
  answerSchema,
  branchSchema,
  interviewSchema,
  logQuerySchema,
  type Move,
  moveSchema,
  parseRequest,
  type ProfilePatch,
  profilePatchSchema,
  RequestError,
  type SeatRequest,
  seatRequestSchema,
} from "./schemas.ts";
export { checkGuard, HttpError, isLoopback, MAX_BODY_BYTES, readJson } from "./http.ts";
export { staticAsset } from "./static.ts";
export { DEFAULT_DASHBOARD_SCENARIO } from "./default_scenario.ts";
export { screenshotDashboard, type ScreenshotOptions } from "./screenshot.ts";
