export type Fingerprint = Record<string, [size: number, mtimeMs: number] | null>;
export function fingerprint(root: string, files: string[]): Fingerprint;
export function unchanged(root: string, recorded: Fingerprint): boolean;
