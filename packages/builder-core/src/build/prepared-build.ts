import type { PreparedPostProcessor } from '../post-processors/post-processor-plugin';
import type { Artifact } from './artifact';
import type { BuildContext } from './build-context';
import type { BuildProvisioning } from './build-provisioning';

/** One build of a template, prepared and ready to run: the builder bound to its config, its provisioners and post-processors. */
export interface PreparedBuild {
  /** The builder's `name`, or its type. */
  readonly name: string;
  readonly builderType: string;
  /** Runs the builder (`builder.run(context, config)`). */
  run(context: BuildContext): Promise<Artifact | undefined>;
  readonly provisioning: BuildProvisioning;
  /** Post-processor sequences: each runs on the build's artifact, each element on the previous one's. */
  readonly postProcessors: readonly (readonly PreparedPostProcessor[])[];
}
