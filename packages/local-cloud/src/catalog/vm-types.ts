/** A VM type the cloud offers: its name, vCores and memory (GiB). */
export interface VmTypeSpec {
  name: string;
  vcores: number;
  memoryGiB: number;
}

// The AWS-style names Outscale accepts (it maps them to tinav types) and a few of its own tinav types.
const named: readonly VmTypeSpec[] = [
  { name: 't2.nano', vcores: 1, memoryGiB: 0.5 },
  { name: 't2.micro', vcores: 1, memoryGiB: 1 },
  { name: 't2.small', vcores: 1, memoryGiB: 2 },
  { name: 't2.medium', vcores: 2, memoryGiB: 4 },
  { name: 't2.large', vcores: 2, memoryGiB: 8 },
  { name: 'm4.large', vcores: 2, memoryGiB: 8 },
  { name: 'm4.xlarge', vcores: 4, memoryGiB: 16 },
  { name: 'c4.large', vcores: 2, memoryGiB: 4 },
  { name: 'c4.xlarge', vcores: 4, memoryGiB: 8 },
  { name: 'r4.large', vcores: 2, memoryGiB: 16 },
  { name: 'tinav5.c1r1p2', vcores: 1, memoryGiB: 1 },
  { name: 'tinav5.c2r4p2', vcores: 2, memoryGiB: 4 },
  { name: 'tinav5.c4r8p1', vcores: 4, memoryGiB: 8 },
  { name: 'tinav6.c2r4p2', vcores: 2, memoryGiB: 4 },
];

/** The types ReadVmTypes lists. */
export const vmTypes: readonly VmTypeSpec[] = named;

const tinaPattern = /^tinav(\d+)\.c(\d+)r(\d+)p([123])$/;

/** The type a name denotes: a listed one, or any well-formed `tinavN.cXrYpZ` (Outscale composes them). */
export function findVmType(name: string): VmTypeSpec | undefined {
  const listed = named.find((type) => type.name === name);
  if (listed) return listed;
  const match = tinaPattern.exec(name);
  if (!match) return undefined;
  const vcores = Number(match[2]);
  const memoryGiB = Number(match[3]);
  if (vcores < 1 || vcores > 78 || memoryGiB < 1 || memoryGiB > 1039) return undefined;
  return { name, vcores, memoryGiB };
}
