import type { ConfigReporter } from '@osc-packer/builder-core';

/**
 * `omi_regions` (copies of the OMI in other Regions), checked against the template's `region`. Outscale has no
 * one-call cross-Region copy (CreateImage copies within a Region only; across Regions it takes an export to an
 * OOS bucket and an import), and the Go plugin silently ignored the list. So another Region is an error that
 * says what to do; the build Region itself is only a warning (nothing to copy).
 */
export function checkOmiRegions(
  config: { omi_regions?: readonly string[] | undefined; region?: string | undefined },
  report: ConfigReporter,
): void {
  for (const [index, region] of (config.omi_regions ?? []).entries()) {
    if (region === '') continue;
    if (region === config.region) {
      report.warn(`omi_regions: ${region} is the build Region; nothing to copy, ignored`);
      continue;
    }
    report.issue(
      `omi_regions[${index}]`,
      `copying the OMI to another Region (${region}) is not supported: Outscale has no cross-Region copy call (it takes an export to an OOS bucket and an import); build in ${region} with a builder of its own (region: "${region}") instead`,
    );
  }
}

/** `force_delete_snapshot` only acts with `force_deregister` (or `-force`): say so rather than ignore it. */
export function checkForceOptions(
  config: { force_deregister: boolean; force_delete_snapshot: boolean },
  report: ConfigReporter,
): void {
  if (config.force_delete_snapshot && !config.force_deregister) {
    report.warn('force_delete_snapshot: has no effect without force_deregister (or -force)');
  }
}
