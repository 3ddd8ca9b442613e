import { renderTemplate } from '../interpolation/render-template';
import { toBuildData } from './decode-plugin-config';
import type { ProvisionerRun } from './provisioner-plugin';

/**
 * Renders a field kept for run time (`execute_command`) with its data (`{{.Path}}`, `{{.Vars}}`...), the
 * build's data (`{{ build \`Host\` }}`) and the run's functions. Without an interpolation context (an
 * embedder running provisioners directly) only `{{.Name}}` fields are replaced.
 */
export function renderLate(
  template: string,
  run: Pick<ProvisionerRun, 'interpolation' | 'buildName' | 'builderType' | 'generatedData'>,
  data: Readonly<Record<string, unknown>>,
): string {
  if (!run.interpolation) {
    return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) =>
      name in data ? String(data[name]) : whole,
    );
  }
  return renderTemplate(template, {
    ...run.interpolation,
    buildName: run.buildName,
    buildType: run.builderType,
    buildData: toBuildData(run.generatedData),
    data,
  });
}
