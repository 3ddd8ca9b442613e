import { describe, expect, it } from 'vitest';
import { findOapiSpecPath, loadOapiSpec } from '../test/load-oapi-spec';
import type { OapiSchema } from '../test/oapi-schema';
import type { OapiSpec } from '../test/oapi-spec';
import { imageExportTaskStates } from './image-export-task-state';
import { imageStates } from './image-state';
import { linkedVolumeStates } from './linked-volume-state';
import { snapshotStates, terminalSnapshotStates } from './snapshot-state';
import { vmStateCodes, vmStates } from './vm-state';
import { volumeStates } from './volume-state';

const specPath = findOapiSpecPath(import.meta.dirname);

// Every string the spec's examples put in `<schema>.<property>`, found by walking examples with their schema.
function exampleValues(spec: OapiSpec): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const walk = (schema: OapiSchema | undefined, value: unknown, owner: string, property: string): void => {
    if (schema?.ref !== undefined) {
      walk(spec.schemas[schema.ref], value, schema.ref, property);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(schema?.items, item, owner, property);
    } else if (typeof value === 'string') {
      const key = `${owner}.${property}`;
      found.set(key, (found.get(key) ?? new Set()).add(value));
    } else if (typeof value === 'object' && value !== null) {
      for (const [name, member] of Object.entries(value)) walk(schema?.properties?.[name], member, owner, name);
    }
  };
  for (const operation of Object.values(spec.operations)) {
    for (const examples of Object.values(operation.responseExamples)) {
      for (const example of Object.values(examples)) walk({ ref: operation.responses['200'] ?? '' }, example, '', '');
    }
  }
  return found;
}

describe.skipIf(specPath === undefined)('state unions (needs ../shared/oapi/outscale.yaml)', () => {
  const seen = exampleValues(loadOapiSpec(specPath));
  const cases: [string, readonly string[]][] = [
    ['Vm.State', vmStates],
    ['VmStates.VmState', vmStates],
    ['VmState.CurrentState', vmStates],
    ['VmState.PreviousState', vmStates],
    ['Image.State', imageStates],
    ['Snapshot.State', snapshotStates],
    ['Volume.State', volumeStates],
    ['LinkedVolume.State', linkedVolumeStates],
    ['BsuCreated.State', linkedVolumeStates],
    ['ImageExportTask.State', imageExportTaskStates],
  ];

  it.each(cases)("covers every %s value in the spec's examples", (field, states) => {
    const values = [...(seen.get(field) ?? [])];
    expect(values.length, `${field} appears in some example`).toBeGreaterThan(0);
    expect(values.filter((value) => !states.includes(value))).toEqual([]);
  });
});

describe('state unions', () => {
  it('give every VM state a distinct filter code', () => {
    expect(Object.keys(vmStateCodes).sort()).toEqual([...vmStates].sort());
    expect(new Set(Object.values(vmStateCodes)).size).toBe(vmStates.length);
  });

  it('mark completed and error as the terminal snapshot states', () => {
    expect(terminalSnapshotStates).toEqual(['completed', 'error']);
  });
});
