import { z } from 'zod';
import { annotate } from './field-annotations';

/**
 * One of a fixed set of strings (`ssh_interface`, `shutdown_behavior`, `volume_type`...). An empty string
 * counts as unset, so the default applies: in Packer the Go zero value "" means "not set", and templates
 * commonly write `"ssh_interface": "{{user `ssh_interface`}}"` with a variable defaulting to "".
 */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return annotate(z.enum(values), { emptyIsUnset: true });
}
