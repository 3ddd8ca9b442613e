#!/usr/bin/env node
import { runCli } from './run-cli';

// Exit explicitly: after a forced exit (second Ctrl-C) a build may leave sockets or timers behind on purpose,
// and the command is over. Writes to pipes and files are synchronous on Linux, so no output is lost.
process.exit(await runCli(process.argv.slice(2)));
