/**
 * The message memory pool now lives in the memory module (lib/memory/message_pool.ts); these
 * names stay here so S3 code keeps working.
 *
 * @module
 */
export { type Memory, type Message, MessagePool } from "@lib/memory/message_pool.ts";
