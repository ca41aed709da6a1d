/**
 * Amazon States Language validation, one wrapper around asl-validator for the template checks and the local
 * Step Functions service alike, so "passes the check" and "starts locally" mean the same thing.
 */
import { createRequire } from 'node:module';
import { aslValidCache } from './valid-cache.ts';

interface AslValidationError {
  Message: string;
}
type AslValidator = (
  definition: unknown,
  options: { checkPaths: boolean; checkArn: boolean },
) => { isValid: boolean; errors: AslValidationError[] };

/**
 * Every problem asl-validator finds in `definition` (none when it is valid). asl-validator is CommonJS and
 * mutates its input (it adds QueryLanguage), so it always gets a clone; both flags are always given because
 * any options object replaces its defaults. Definitions found valid before are not validated again (valid-cache.ts).
 */
export function aslProblems(definition: unknown): string[] {
  const cache = aslValidCache(import.meta.url);
  if (cache.has(definition)) return [];
  const validate = createRequire(import.meta.url)('asl-validator') as AslValidator;
  const { isValid, errors } = validate(structuredClone(definition), { checkPaths: true, checkArn: true });
  if (isValid) {
    cache.remember(definition);
    return [];
  }
  return errors.length > 0
    ? errors.map((error) => error.Message)
    : ['asl-validator rejected the definition without naming a reason'];
}
