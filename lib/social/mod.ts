/**
 * The social network: graph, loaders, generators, routing, interventions and layout.
 *
 * @module
 */
export { barabasiAlbert } from "./barabasi_albert.ts";
export {
  DEFAULT_CLOSENESS,
  DEFAULT_FOLLOW_TYPE,
  DEFAULT_TIE_TYPE,
  type Edge,
  type EdgeOptions,
  EdgeSchema,
  type GraphJson,
  GraphJsonSchema,
  RELATIONSHIP_TYPES,
} from "./edge.ts";
export { erdosRenyi } from "./erdos_renyi.ts";
export { type GeneratorOptions } from "./generator_options.ts";
export { SocialGraph } from "./graph.ts";
export {
  type GraphPlot,
  graphPlot,
  type GraphPlotOptions,
  type PlotLink,
  type PlotNode,
} from "./graph_plot.ts";
export {
  addHeterogeneousFriends,
  type EdgeChange,
  friendDissimilarity,
  type HeterogeneousFriendsOptions,
} from "./heterogeneous_friends.ts";
export { homophilyGraph, type HomophilyOptions } from "./homophily.ts";
export { forceLayout, type LayoutOptions, type NodePosition } from "./layout.ts";
export { type EdgeListOptions, loadEdgeCsv, parseEdgeCsv } from "./load_csv.ts";
export { type GmlGraph, type GmlOptions, loadGml, parseGml } from "./load_gml.ts";
export { loadSnapEdges, parseSnapEdges, type SnapOptions } from "./load_snap.ts";
export {
  type BroadcastOptions,
  broadcastRecipients,
  type ChatRoute,
  routeChat,
  RoutingError,
} from "./routing.ts";
export {
  cosineSimilarity,
  type InterestAgent,
  type Interests,
  jaccardSimilarity,
  similarityFn,
  type SimilarityKind,
} from "./similarity.ts";
export { wattsStrogatz } from "./watts_strogatz.ts";
export { inducedSubgraph } from "./subgraph.ts";
export {
  type Attitude,
  attitudeOf,
  ATTITUDES,
  EMOTION_LEVELS,
  type EmotionLevel,
} from "./emotion_attitude.ts";
export {
  feedScore,
  type RankerName,
  RANKERS,
  rankFeed,
  type RankInput,
  type RankSettings,
} from "./feed_rank.ts";
