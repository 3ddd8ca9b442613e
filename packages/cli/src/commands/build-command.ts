import type { CommandModule } from 'yargs';
import type { CommandContext } from '../command-context';
import { withTemplateOptions } from '../template-options';

/** `osc-packer build [options] TEMPLATE`: runs the builds of a template, as `packer build`. */
export function buildCommand(context: CommandContext): CommandModule {
  return {
    command: 'build <template>',
    describe: 'Build images from a template',
    builder: (yargs) =>
      withTemplateOptions(yargs)
        .positional('template', { type: 'string', describe: 'path to a Packer JSON template', demandOption: true })
        .option('force', {
          type: 'boolean',
          describe: 'Delete artifacts in the way of the build (force_deregister)',
        })
        .option('debug', { type: 'boolean', describe: 'One build at a time, pausing between steps' })
        .option('on-error', {
          type: 'string',
          describe: 'If a build fails: cleanup (default), abort, ask, or run-cleanup-provisioner',
        })
        .option('parallel-builds', {
          type: 'string',
          describe: 'Number of builds run at once; 1 disables parallelization, 0 means no limit (default 0)',
        })
        .option('machine-readable', { type: 'boolean', describe: 'Produce machine-readable output' })
        .option('timestamp-ui', { type: 'boolean', describe: 'Prefix each line of output with an RFC 3339 timestamp' })
        .option('color', { type: 'boolean', describe: 'Colour the output: -color=false turns it off' })
        .option('local-cloud', {
          type: 'boolean',
          describe: 'Build against an Outscale-compatible cloud started in this process (nothing real is touched)',
        })
        .option('local-cloud-timing', {
          type: 'string',
          describe: 'Its timing profile with --local-cloud: instant, fast (default) or realistic',
        })
        .example('$0 build template.json', 'Run every build of the template')
        .example(
          '$0 build -var "omi_name=web" -only=osc-bsu -on-error=ask template.json',
          'One build, asking on failure',
        )
        .example('$0 build --local-cloud examples/quickstart.json', 'Build on an embedded local cloud'),
    handler: async (argv) => {
      const [{ readBuildArguments }, { runBuild }] = await Promise.all([
        import('../build/build-arguments'),
        import('../build/run-build'),
      ]);
      context.exitCode = await runBuild(readBuildArguments(argv), context);
    },
  };
}
