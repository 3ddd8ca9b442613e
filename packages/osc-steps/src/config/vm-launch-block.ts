import {
  type ConfigReporter,
  choice,
  configBlock,
  goDuration,
  stringMap,
  weakBoolean,
  weakInteger,
  weakString,
} from '@osc-packer/builder-core';
import { z } from 'zod';
import { encodedUserDataLength, looksBase64Encoded, maxUserDataBytes } from './user-data';

/** The `shutdown_behavior` values (`VmInitiatedShutdownBehavior`). */
export const shutdownBehaviors = ['stop', 'terminate'] as const;
/** The `boot_mode` and `omi_boot_modes` values. */
export const bootModes = ['legacy', 'uefi'] as const;

const nonEmpty = (message: string) => z.string().refine((text) => text.trim() !== '', message);

const vmLaunchSchema = z.strictObject({
  vm_type: weakString(nonEmpty('an vm_type must be specified (e.g. "tinav6.c2r4p2")')).describe(
    'VM type, e.g. `tinav6.c2r4p2` (AWS-style names such as `t2.micro` are accepted by the API). Required.',
  ),
  user_data: weakString()
    .optional()
    .describe(
      'User data for the VM, as text; osc-packer base64-encodes it (at most 500 KiB encoded). Set `user_data_base64` if it is already encoded. Not with `user_data_file`.',
    ),
  user_data_file: weakString()
    .optional()
    .describe('Local file whose content is the user data (must exist; encoded like `user_data`).'),
  user_data_base64: weakBoolean()
    .default(false)
    .describe('`user_data` (or the file content) is already base64-encoded: sent as it is. Default `false`.'),
  shutdown_behavior: choice(shutdownBehaviors)
    .default('stop')
    .describe('What a shutdown from inside the VM does: `stop` (default) or `terminate`.'),
  disable_stop_vm: weakBoolean()
    .default(false)
    .describe(
      'Do not stop the VM before creating the OMI: a provisioner must shut it down (then it is waited for). Default `false`.',
    ),
  bsu_optimized: weakBoolean()
    .default(false)
    .describe('Launch the VM BSU-optimized. Default `false`. Alias: `ebs_optimized` (deprecated).'),
  boot_mode: choice(bootModes)
    .optional()
    .describe('Boot mode of the VM: `legacy` or `uefi`; default: the OMI decides.'),
  run_tags: stringMap()
    .optional()
    .describe(
      'Tags of the VM (`Name` defaults to `Packer Builder`). Rendered during the build: `{{ .SourceOMI }}`, `{{ .SourceOMIName }}`, `{{ .BuildRegion }}`... are available.',
    ),
  windows_password_timeout: goDuration({ min: 0 })
    .default(1_200_000)
    .describe('How long to wait for the Windows administrator password (WinRM). Default `20m`.'),
  iam_vm_profile: weakString().optional().describe('Accepted for compatibility; has no effect on Outscale.'),
  enable_t2_unlimited: weakBoolean()
    .default(false)
    .describe('Accepted for compatibility (needs a `t2.*` vm_type); has no effect on Outscale.'),
  block_duration_minutes: weakInteger({ min: 0 })
    .default(0)
    .describe('Accepted for compatibility (a multiple of 60); has no effect on Outscale.'),
});

/** The decoded VM launch keys. */
export type VmLaunchConfig = z.output<typeof vmLaunchSchema>;

/**
 * How the VM is launched (§2.1.1 of the reference): type, user data, shutdown behaviour, boot mode, tags, and
 * the accepted-but-inert keys of the Go plugin (`iam_vm_profile`, `enable_t2_unlimited`,
 * `block_duration_minutes`), validated as Packer does and reported as having no effect.
 */
export const vmLaunchBlock = configBlock('VM launch', vmLaunchSchema, {
  aliases: { ebs_optimized: 'bsu_optimized' },
  deferred: ['run_tags'],
  check: checkVmLaunch,
});

function checkVmLaunch(value: VmLaunchConfig, report: ConfigReporter): void {
  if (value.user_data && value.user_data_file) {
    report.issue('user_data_file', 'only one of user_data or user_data_file can be specified');
  }
  checkUserDataText(value, report);
  if (value.iam_vm_profile)
    report.warn('iam_vm_profile: has no effect on Outscale (there are no VM profiles); remove it');
  if (value.enable_t2_unlimited) {
    if (!value.vm_type.startsWith('t2.')) {
      report.issue('enable_t2_unlimited', `T2 Unlimited enabled with a non-T2 vm_type: ${value.vm_type}`);
    }
    report.warn('enable_t2_unlimited: has no effect on Outscale; remove it');
  }
  if (value.block_duration_minutes % 60 !== 0) {
    report.issue('block_duration_minutes', 'block_duration_minutes must be multiple of 60');
  } else if (value.block_duration_minutes > 0) {
    report.warn('block_duration_minutes: has no effect on Outscale (there are no spot VMs); remove it');
  }
}

function checkUserDataText(value: VmLaunchConfig, report: ConfigReporter): void {
  const text = value.user_data;
  if (text === undefined || text === '') return;
  if (value.user_data_base64) {
    if (!looksBase64Encoded(text, { printable: false })) {
      report.issue('user_data', 'is not valid base64, although user_data_base64 is true');
    }
  } else if (looksBase64Encoded(text, { printable: true })) {
    report.warn(
      'user_data looks base64-encoded; it is encoded again before being sent (the VM gets the text as written). Set user_data_base64: true if it is already encoded.',
    );
  }
  const size = value.user_data_base64 ? text.length : encodedUserDataLength(Buffer.byteLength(text));
  if (size > maxUserDataBytes) {
    report.issue('user_data', `is ${size} bytes once base64-encoded; the API accepts at most ${maxUserDataBytes}`);
  }
}
