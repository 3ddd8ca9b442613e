import type { Template } from '@osc-packer/builder-core';
import type { CommandOutput } from './command-output';

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function inspectVariables(template: Template, out: CommandOutput): void {
  if (template.variables.length === 0) {
    out.say('Variables:\n');
    out.say('  <No variables>');
    return;
  }
  const variables = [...template.variables].sort((a, b) => byName(a.name, b.name));
  const required = variables.filter((variable) => variable.required);
  if (required.length > 0) {
    out.say('Required variables:\n');
    for (const variable of required) {
      out.machine('template-variable', variable.name, '', '1');
      out.say(`  ${variable.name}`);
    }
    out.say('');
  }
  out.say('Optional variables and their defaults:\n');
  const width = Math.max(...variables.map((variable) => variable.name.length));
  for (const variable of variables.filter((v) => !v.required)) {
    // A sensitive variable's default is shown as <sensitive>, in both formats.
    const value = variable.sensitive ? '<sensitive>' : (variable.default ?? '');
    out.machine('template-variable', variable.name, value, '0');
    out.say(`  ${variable.name.padEnd(width)} = ${value}`);
  }
}

function inspectBuilders(template: Template, out: CommandOutput): void {
  out.say('Builders:\n');
  if (template.builders.length === 0) {
    out.say('  <No builders>');
    return;
  }
  const builders = [...template.builders].sort((a, b) => byName(a.name, b.name));
  const width = Math.max(...builders.map((builder) => builder.name.length));
  for (const builder of builders) {
    out.machine('template-builder', builder.name, builder.type);
    const line = `  ${builder.name.padEnd(width)}`;
    out.say(builder.name === builder.type ? line : `${line} (${builder.type})`);
  }
}

/**
 * Prints what a template defines in Packer's `inspect` format for JSON templates (description, required and
 * optional variables, builders, provisioners), with its `template-variable`/`template-builder`/
 * `template-provisioner` machine-readable records, plus the post-processors (a chain as `a -> b`).
 */
export function inspectTemplate(template: Template, out: CommandOutput): void {
  out.say('Packer Inspect: JSON mode');
  if (template.description) {
    out.say('Description:\n');
    out.say(`${template.description}\n`);
  }
  inspectVariables(template, out);
  out.say('');
  inspectBuilders(template, out);
  out.say('');
  out.say('Provisioners:\n');
  if (template.provisioners.length === 0) out.say('  <No provisioners>');
  for (const provisioner of template.provisioners) {
    out.machine('template-provisioner', provisioner.type);
    out.say(`  ${provisioner.type}`);
  }
  out.say('');
  out.say('Post-processors:\n');
  if (template.postProcessors.length === 0) out.say('  <No post-processors>');
  for (const sequence of template.postProcessors) {
    const names = sequence.map((pp) => (pp.name && pp.name !== pp.type ? `${pp.name} (${pp.type})` : pp.type));
    out.machine('template-post-processor', ...names);
    out.say(`  ${names.join(' -> ')}`);
  }
  out.say(
    "\nNote: If your build names contain user variables or template\nfunctions such as 'timestamp', these are processed at build time,\nand therefore only show in their raw form here.",
  );
}
