/**
 * Amazon States Language validation, one wrapper around asl-validator for the template checks and the local
 * Step Functions service alike, so "passes the check" and "starts locally" mean the same thing.
 */
import { createRequire } from 'node:module';

interface AslValidationError { Message: string }
type AslValidator = (definition: unknown, options: { checkPaths: boolean; checkArn: boolean }) => { isValid: boolean; errors: AslValidationError[] };

/**
 * Every problem asl-validator finds in `definition` (none when it is valid). asl-validator is CommonJS and
 * mutates its input (it adds QueryLanguage), so it always gets a clone; both flags are always given because
 * any options object replaces its defaults.
 */
export function aslProblems(definition: unknown): string[] {
  const validate = createRequire(import.meta.url)('asl-validator') as AslValidator;
  const { isValid, errors } = validate(structuredClone(definition), { checkPaths: true, checkArn: true });
  if (isValid) return [];
  return errors.length > 0 ? errors.map((error) => error.Message) : ['asl-validator rejected the definition without naming a reason'];
}
