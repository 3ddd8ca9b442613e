import type { CommandModule } from 'yargs';
import type { CliIo } from '../cli-io';
import type { LocalCloudFlags } from '../local-cloud/run-local-cloud';

// yargs has already applied the types and defaults declared below; this only narrows them for TypeScript.
function flagsOf(argv: Record<string, unknown>): LocalCloudFlags {
  const text = (name: string) => (typeof argv[name] === 'string' ? (argv[name] as string) : undefined);
  const number = (name: string) => (typeof argv[name] === 'number' ? (argv[name] as number) : 0);
  const fault = argv.fault;
  return {
    port: number('port'),
    host: text('host') ?? '127.0.0.1',
    timing: text('timing') ?? 'fast',
    faults: text('faults'),
    fault: Array.isArray(fault) ? fault.map(String) : undefined,
    region: text('region') ?? 'eu-west-2',
    metadataPort: number('metadataPort'),
    hostVm: argv.hostVm === true,
  };
}

/** `osc-packer local-cloud start`: runs an Outscale-compatible cloud on loopback in the foreground. */
export function localCloudCommand(io: CliIo): CommandModule {
  return {
    command: 'local-cloud <action>',
    describe: 'Run an Outscale-compatible cloud on loopback (VMs you can SSH into)',
    builder: (yargs) =>
      yargs
        .positional('action', { choices: ['start'] as const, describe: 'what to do', demandOption: true })
        .option('port', { type: 'number', default: 0, describe: 'API port on 127.0.0.1 (0: any free port)' })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'loopback address of the API' })
        .option('timing', {
          type: 'string',
          default: 'fast',
          describe: 'how long transitions take: instant, fast (a build in seconds) or realistic',
        })
        .option('faults', { type: 'string', describe: 'a JSON faults file: {"faults": [rule, ...]}' })
        .option('fault', {
          type: 'string',
          array: true,
          describe: 'one fault rule as key=value pairs, e.g. operation=ReadVms,action=throttle,times=2 (repeatable)',
        })
        .option('region', { type: 'string', default: 'eu-west-2', describe: 'the Region name' })
        .option('metadata-port', { type: 'number', default: 0, describe: 'port of the VM metadata service' })
        .option('host-vm', {
          type: 'boolean',
          default: false,
          describe: 'describe this machine as a VM of the first account in the metadata service (chroot builds)',
        })
        .example(
          '$0 local-cloud start > local-cloud.env',
          'start; `. ./local-cloud.env` in another shell points tools at it',
        )
        .example('$0 local-cloud start --timing realistic --faults faults.json', 'slower, with injected faults'),
    handler: async (argv) => {
      const { runLocalCloud } = await import('../local-cloud/run-local-cloud');
      await runLocalCloud(io, flagsOf(argv));
    },
  };
}
