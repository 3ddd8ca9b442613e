import type { BuildContext } from '../build/build-context';
import type { GeneratedData } from '../build/generated-data';
import type { Communicator } from '../communicator/communicator';
import type { Step } from './step';

/** Options of {@link provisionStep}. */
export interface ProvisionStepOptions<S extends object> {
  /** Step name; default `provision`. */
  name?: string;
  /** State the step reads (e.g. the communicator's key). */
  requires?: readonly (keyof S & string)[];
  /** The connected communicator, or undefined when the build has none (`communicator: none`). */
  communicator: (state: S) => Communicator | undefined;
  /** The build's generated data (`ID`, `Host`, `User`, `SSHPrivateKey`, ...). */
  generatedData: (state: S) => GeneratedData;
}

/**
 * The step that runs the template's provisioners (Packer's StepProvision). When provisioning fails its
 * cleanup runs the `error-cleanup-provisioner` — also under `-on-error=run-cleanup-provisioner`.
 */
export function provisionStep<S extends object>(build: BuildContext, options: ProvisionStepOptions<S>): Step<S> {
  let failed = false;
  return {
    name: options.name ?? 'provision',
    requires: options.requires,
    runsProvisioners: true,
    async run(_context, state) {
      if (!build.hasProvisioners) return;
      const communicator = options.communicator(state);
      if (!communicator) {
        throw new Error(
          'No communicator found for provisioners! This is usually because the `communicator` config was set ' +
            'to "none". If you have any provisioners then a communicator is required. Please fix this to continue.',
        );
      }
      try {
        await build.provision(communicator, options.generatedData(state));
      } catch (error) {
        failed = true;
        throw error;
      }
    },
    async cleanup(context, state) {
      const communicator = options.communicator(state);
      if (!failed || !communicator || context.reason === 'cancelled') return;
      context.ui.say('Provisioning step had errors: Running the cleanup provisioner, if present...');
      await build.provisionErrorCleanup(communicator, options.generatedData(state), context.signal);
    },
  };
}
