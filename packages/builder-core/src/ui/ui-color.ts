/** ANSI colour codes given to builds in order (Packer's sequence: green, cyan, magenta, yellow, blue). */
export const buildColors = [32, 36, 35, 33, 34] as const;

/** The ANSI colour of errors. */
export const errorColor = 31;

/** Wraps text in an ANSI colour, bold or not, exactly as Packer's ColoredUi does. */
export function colorize(text: string, color: number, bold: boolean): string {
  return `\x1b[${bold ? 1 : 0};${color}m${text}\x1b[0m`;
}

/** The colour of the build at `index` (cycling through {@link buildColors}). */
export function buildColor(index: number): number {
  return buildColors[((index % buildColors.length) + buildColors.length) % buildColors.length] ?? buildColors[0];
}

/** Inputs of the colour decision: the `-color` flag, the environment and whether stdout is a terminal. */
export interface ColorChoice {
  /** `-color=false` turns colour off; absent means on. */
  flag?: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/** True when output should be coloured: `-color` not false, stdout a terminal, and neither `NO_COLOR` nor `PACKER_NO_COLOR` set. */
export function shouldUseColor(choice: ColorChoice): boolean {
  if (choice.flag === false || !choice.isTTY) return false;
  const { NO_COLOR: noColor, PACKER_NO_COLOR: packerNoColor } = choice.env;
  return !noColor && !packerNoColor;
}
