/** An example's template with its `$default` function replaced by a test handler (fixtures/), everything else as shipped. */
import { fileURLToPath } from 'node:url';
import type { CfnObject } from '../../cfn/types.ts';
import { writeTemplateVariant } from '../support/template-variant.ts';
import type { ExampleStack } from './example-stacks.ts';

const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Writes the variant; `DefaultFunction` (the `$default` Lambda of every example) runs `fixtures/<module>.ts`. */
export function withDefaultHandler(
  example: ExampleStack,
  module: string,
  settings: { timeoutSeconds: number; environment: Record<string, string> },
): string {
  return writeTemplateVariant(example.templateFile, (template) => {
    const fn = template.Resources['DefaultFunction'];
    if (fn?.Type !== 'AWS::Serverless::Function') throw new Error(`${example.templateFile}: no DefaultFunction`);
    const properties = fn.Properties as CfnObject;
    Object.assign(properties, {
      CodeUri: FIXTURES_DIR,
      Handler: `${module}.handler`,
      Timeout: settings.timeoutSeconds,
      Environment: {
        Variables: {
          ...((properties['Environment'] as CfnObject | undefined)?.['Variables'] as CfnObject | undefined),
          ...settings.environment,
        },
      },
    });
    const metadata = (fn as { Metadata?: CfnObject }).Metadata;
    const build = metadata?.['BuildProperties'] as CfnObject | undefined;
    if (build) build['EntryPoints'] = [`${module}.ts`];
  });
}
