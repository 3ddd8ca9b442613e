/** One problem in a configuration, located by its key path as users write it. */
export interface ConfigIssue {
  /** E.g. `launch_block_device_mappings[1].device_name`; empty for the block as a whole. */
  path: string;
  /** What is wrong and what is allowed, e.g. `must be one of: stop, terminate (got "halt")`. */
  message: string;
}
