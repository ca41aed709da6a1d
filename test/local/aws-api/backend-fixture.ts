/** The `fixtures/backend` config's stack, started for Lambda Invoke tests, optionally with its template edited. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { CfnTemplate } from '../../../cfn/types.ts';
import { loadConfigFile } from '../../../generator/config/load.ts';
import { renderTemplateYaml } from '../../../generator/index.ts';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { functionsFromTemplate, loadLocalTemplate, type LocalFunction } from '../../../local/template/index.ts';
import { DEVELOPER, LOCAL_STACK } from '../../support/aws-credentials.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { writeTemplateText } from '../../support/template-variant.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/backend/ws.config.ts', import.meta.url));

export const payloadText = (payload: Uint8Array | undefined) => Buffer.from(payload ?? []).toString('utf8');
export const jsonPayload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export interface BackendStack {
  stack: LocalStack;
  /** A client of the stack's Lambda endpoint with the developer's (unevaluated) keys. */
  lambda: LambdaClient;
  templateFile: string;
  /** The fixture's one function. */
  fn: LocalFunction;
  stop(): Promise<void>;
}

export async function startBackendStack(
  edit: (template: CfnTemplate, fn: LocalFunction) => void = () => {},
): Promise<BackendStack> {
  const loaded = await loadConfigFile(FIXTURE);
  const generated = renderTemplateYaml(loaded.config, { handlers: loaded.handlers });
  const fn = functionsFromTemplate(loadLocalTemplate(generated, LOCAL_STACK))[0];
  if (fn === undefined) throw new Error('the fixture has no function');
  const templateFile = writeTemplateText(generated, dirname(loaded.file), (template) => edit(template, fn));
  const stack = await startLocalStack({ templateFile, bundleDir: freshBundleDir(), log: () => {} });
  const lambda = new LambdaClient({
    endpoint: stack.outputs.LambdaEndpoint,
    region: 'us-east-1',
    credentials: DEVELOPER,
  });
  return {
    stack,
    lambda,
    templateFile,
    fn,
    stop: async () => {
      lambda.destroy();
      await stack.stop();
    },
  };
}
