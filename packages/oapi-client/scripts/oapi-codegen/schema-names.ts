// The wire schema `VmState` ({VmId, PreviousState, CurrentState}, returned by StartVms/StopVms/DeleteVms)
// would shadow the hand-written union of VM states in the package's exports; osc-sdk-go v3 renames it the
// same way. Every other schema keeps its API name.
/** Spec schema name → TypeScript name, for the schemas not emitted under their API name. */
export const renamedSchemas: Readonly<Record<string, string>> = { VmState: 'VmStateInfo' };

/** The TypeScript name of a spec schema: its API name, except for the few in {@link renamedSchemas}. */
export function typeName(schema: string): string {
  return Object.hasOwn(renamedSchemas, schema) ? (renamedSchemas[schema] ?? schema) : schema;
}
