/**
 * What each bench hands to `npm run bench`: the lines it prints, and its figures with a target, which the summary
 * table repeats with met / NOT MET (or SKIPPED, with the reason, when the bench could not run here).
 */

export interface Figure {
  name: string;
  /** The measured value as printed, with its unit or ratio. */
  measured: string;
  target: string;
  /** undefined: not measured (see `measured` for why). */
  met: boolean | undefined;
}

export interface BenchSection {
  lines: string[];
  figures: Figure[];
}

export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'SKIPPED';
  return met ? 'met' : 'NOT MET';
}

/** Columns padded to their widest cell, separated by ` | `, with a rule under the header. */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((line) => line[column]!.length)));
  const format = (line: readonly string[]): string =>
    line
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join(' | ')
      .trimEnd();
  return [format(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(format)];
}

export function figureTable(figures: readonly Figure[]): string[] {
  return formatColumns(
    ['figure', 'measured', 'target', 'result'],
    figures.map((figure) => [figure.name, figure.measured, figure.target, verdict(figure.met)]),
  );
}
