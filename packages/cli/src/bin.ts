#!/usr/bin/env node
import { runCli } from './run-cli';

const code = await runCli(process.argv.slice(2));
// Writes to pipes are asynchronous on POSIX: let everything written reach them, then leave even if something
// still holds the event loop (after a forced exit a build may leave sockets or timers behind on purpose).
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((done) => (stream.destroyed ? done() : stream.write('', () => done()))),
  ),
);
process.exit(code);
