import { appendFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Artifact,
  builtinPostProcessors,
  builtinProvisioners,
  CaptureStream,
  type Communicator,
  type CoreBuilder,
  composeConfig,
  configBlock,
  decodeConfig,
  type Step,
  sensitive,
  weakString,
  weakStringList,
} from '@osc-packer/builder-core';
import { z } from 'zod';
import { createBuilderRegistry, plannedBuilders } from '../builder-registry';
import type { BuilderRuntime } from '../builder-runtime';
import type { CliIo } from '../cli-io';
import type { CommandContext } from '../command-context';
import type { Components } from '../prepare-builds';

// A builder made of real engine parts (zod blocks, decodeConfig, the step runner): each step "creates" a
// marker file and its cleanup removes it, so tests can see what a run left behind.
const spec = composeConfig(
  'test builder',
  configBlock(
    'Test',
    z.strictObject({
      dir: weakString().describe('Where resources are marker files.'),
      steps: weakStringList().describe('Step names, in order.'),
      fail_at: weakString().optional().describe('The step that throws.'),
      block_at: weakString().optional().describe('The step that waits for cancellation.'),
      block_cleanup_of: weakString().optional().describe('The step whose cleanup waits for a forced exit.'),
      password: sensitive(weakString()).optional(),
    }),
  ),
);
type TestConfig = z.output<typeof spec.schema>;

/** Resolves once the file exists (tests wait on what a build did, never on time). */
export async function waitForFile(path: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

const noCommunicator: Communicator = {
  exec: () => Promise.reject(new Error('the test builder has no machine')),
  upload: () => Promise.reject(new Error('the test builder has no machine')),
  uploadDir: () => Promise.reject(new Error('the test builder has no machine')),
  download: () => Promise.reject(new Error('the test builder has no machine')),
  downloadDir: () => Promise.reject(new Error('the test builder has no machine')),
  close: async () => {},
};

function markerStep(config: TestConfig, name: string): Step<object> {
  const marker = join(config.dir, `${name}.created`);
  return {
    name,
    async run({ signal, ui }) {
      ui.say(`Creating ${name}...`);
      writeFileSync(marker, name);
      if (config.block_at === name) {
        writeFileSync(join(config.dir, 'blocked'), name);
        await untilAborted(signal);
      }
      if (config.fail_at === name) throw new Error(`${name} failed (password ${config.password ?? 'none'})`);
    },
    async cleanup({ signal }) {
      if (config.block_cleanup_of === name) {
        writeFileSync(join(config.dir, 'cleanup-blocked'), name);
        await untilAborted(signal);
      }
      rmSync(marker, { force: true });
      appendFileSync(join(config.dir, 'cleanup.log'), `${name}\n`);
    },
  };
}

/** The test builder, type `osc-test`; `runtimes` receives the runtime each registry was made with. */
export function testBuilder(runtimes: BuilderRuntime[] = [], runtime: BuilderRuntime = {}): CoreBuilder<TestConfig> {
  runtimes.push(runtime);
  return {
    type: 'osc-test',
    prepare(raw, env) {
      const result = decodeConfig(spec, raw, { interpolation: env.interpolation });
      if (!result.ok) return { ok: false, issues: result.issues, warnings: result.warnings };
      return { ok: true, config: result.value, warnings: result.warnings, secrets: result.secrets };
    },
    async run(context, config): Promise<Artifact> {
      const steps = config.steps.map((name) => markerStep(config, name));
      const provision: Step<object> = {
        name: 'provision',
        run: () => context.provision(noCommunicator, { ID: 'test-1', Password: config.password }),
      };
      await context.runSteps([...steps, provision], {});
      return {
        builderId: 'osc-packer.test',
        id: `test:${context.buildName}`,
        files: [],
        toString: () => `Test artifact of ${context.buildName}`,
        state: () => undefined,
        destroy: async () => {},
      };
    },
  };
}

/** Components with the test builder, recording the runtime the run passed. */
export function testComponents(runtimes: BuilderRuntime[] = []): (runtime: BuilderRuntime) => Components {
  return (runtime) => ({
    builders: createBuilderRegistry([{ builder: testBuilder(runtimes, runtime), aliases: [] }], plannedBuilders),
    provisioners: builtinProvisioners(),
    postProcessors: builtinPostProcessors(),
  });
}

/** A command context writing into captured streams. */
export function captureContext(cwd: string, env: NodeJS.ProcessEnv = {}, extra: Partial<CliIo> = {}) {
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const context: CommandContext = {
    io: { stdout, stderr, env: { PATH: process.env.PATH, ...env }, cwd, ...extra },
    exitCode: 0,
    now: () => new Date(),
  };
  return { context, stdout, stderr };
}
