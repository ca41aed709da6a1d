/**
 * Workflow definitions parsed in an earlier run, kept by a hash of the file's text, its format and the `yaml`
 * package's version (node_modules/.cache, beside the compiled configs). The YAML reader running for the first time
 * in a process cost about 20 ms of a 300 ms `generate --check` (issue 20), for the same text on every run. Only a
 * definition that parsed without a problem and reads back from JSON unchanged is kept: a file with a problem is
 * parsed, and its problem reported, on every run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { packageCacheFolder } from '../../shared/package-file.ts';

export type DefinitionFormat = 'json' | 'yaml';

/** The cached parse of `text`, or the parse `parse` gives (kept for the next run when it is plain JSON data). */
export function parsedDefinition(
  text: string,
  format: DefinitionFormat,
  parse: (text: string) => Record<string, unknown> | string,
): Record<string, unknown> | string {
  const cacheFile = cacheFileFor(text, format);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // Absent or unreadable: parse.
  }
  const parsed = parse(text);
  if (typeof parsed === 'string') return parsed;
  const json = JSON.stringify(parsed);
  if (!isDeepStrictEqual(JSON.parse(json), parsed)) return parsed; // e.g. -0 or a non-finite number: never cached
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(`${cacheFile}.${process.pid}`, json);
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
  } catch {
    // Not writable: the next run parses again.
  }
  return parsed;
}

function cacheFileFor(text: string, format: DefinitionFormat): string {
  const { version } = createRequire(import.meta.url)('yaml/package.json') as { version: string };
  const key = createHash('sha256').update(`${format}\0yaml@${version}\0${text}`).digest('hex');
  return join(packageCacheFolder(import.meta.url, 'workflow-definitions'), `${key}.json`);
}
