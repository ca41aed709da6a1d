/**
 * Definitions asl-validator found valid, remembered on disk: loading asl-validator compiles its JSON schemas
 * with ajv, which cost more than everything else `npm run generate` does, and `npm start` paid it again for
 * the same state machines. Only "valid" is remembered (an empty marker file named by a hash of the validator's
 * version and the definition): a definition with problems is validated again every time, so its messages
 * always come from asl-validator itself. Keyed by content, never by file, so an edit is always a miss.
 * A cache that cannot be read or written (read-only install) only costs the validation.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageCacheFolder } from '../../shared/package-file.ts';

export interface AslValidCache {
  has(definition: unknown): boolean;
  remember(definition: unknown): void;
}

export function aslValidCache(moduleUrl: string): AslValidCache {
  const folder = packageCacheFolder(moduleUrl, 'asl-valid');
  const marker = (definition: unknown) =>
    join(
      folder,
      createHash('sha256')
        .update(`${validatorVersion(moduleUrl)}\n${JSON.stringify(definition)}`)
        .digest('hex'),
    );
  return {
    has: (definition) => existsSync(marker(definition)),
    remember(definition) {
      try {
        mkdirSync(folder, { recursive: true });
        writeFileSync(marker(definition), '');
      } catch {
        // Not writable: the next run validates again.
      }
    },
  };
}

function validatorVersion(moduleUrl: string): string {
  const manifest = createRequire(moduleUrl).resolve('asl-validator/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
