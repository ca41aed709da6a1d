/** The printed table: one row per workload, raw vs stack, the ratio and whether the target is met. */
import { formatColumns } from '../figures.ts';

export interface ReportRow {
  workload: string;
  raw: string;
  stack: string;
  /** stack / raw */
  ratio: number;
  target: string;
  met: boolean;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

export function perSecond(value: number, unit: string): string {
  return `${value.toFixed(0)} ${unit}/s`;
}

export function formatTable(rows: readonly ReportRow[]): string[] {
  const header = ['workload', 'raw ws', 'local stack', 'stack/raw', 'target', 'result'];
  const cells = rows.map((row) => [
    row.workload,
    row.raw,
    row.stack,
    `${row.ratio.toFixed(2)}x`,
    row.target,
    row.met ? 'met' : 'NOT MET',
  ]);
  return formatColumns(header, cells);
}
