import type { ProvisioningRun } from '../build/build-provisioning';
import type { PrepareResult } from '../build/builder';
import type { GeneratedData } from '../build/generated-data';
import type { Communicator } from '../communicator/communicator';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import type { PluginPrepareEnv } from './plugin-prepare-env';

/** What a provisioner's run receives. */
export interface ProvisionerRun extends ProvisioningRun {
  readonly buildName: string;
  readonly builderType: string;
  /** The build's generated data (`Host`, `ID`, `PackerHTTPAddr`...), for `{{ build }}` and environment variables. */
  readonly generatedData: GeneratedData;
  /** The process environment (for `shell-local`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved from. */
  readonly cwd: string;
  /** The run's interpolation context, for fields rendered at run time (`execute_command`). */
  readonly interpolation?: InterpolationContext;
}

/** A provisioner type (`shell`, `file`, `shell-local`, `breakpoint`): pure prepare, then provision. */
export interface ProvisionerPlugin<C = unknown> {
  readonly type: string;
  /** Decodes and validates the provisioner's block; reports every problem with its key path. */
  prepare(raw: Readonly<Record<string, unknown>>, env: PluginPrepareEnv): PrepareResult<C>;
  provision(run: ProvisionerRun, config: Readonly<C>, communicator: Communicator): Promise<void>;
}

/** One provisioner of a build, configured with its template-level options and ready to run. */
export interface PreparedProvisioner {
  readonly type: string;
  /** `pause_before`, in milliseconds (0: none). */
  readonly pauseBeforeMs: number;
  /** `max_retries`: how many times a failed run is retried. */
  readonly maxRetries: number;
  /** `timeout`, in milliseconds (0: none). */
  readonly timeoutMs: number;
  provision(run: ProvisionerRun, communicator: Communicator): Promise<void>;
}
