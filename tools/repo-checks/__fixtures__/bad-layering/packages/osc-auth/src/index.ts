// Deliberately wrong: the lowest package imports the CLI at the top of the graph.
import { runCli } from '@osc-packer/cli';

export const run = runCli;
