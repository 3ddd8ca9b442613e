/** Where the client writes one debug line per attempt; the cli routes it to its log (PACKER_LOG-style). */
export interface DebugLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
}
