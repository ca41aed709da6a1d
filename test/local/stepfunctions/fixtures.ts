import { readFileSync } from 'node:fs';
import { parseCloudFormation } from '../../../cfn/yaml.ts';
import type { CfnTemplate } from '../../../cfn/types.ts';
import {
  createStepFunctionsService,
  type ApiGatewayInvokeParameters,
  type ApiGatewayInvokeResult,
  type StateMachineConfig,
  type StepFunctionsService,
} from '../../../local/stepfunctions/index.ts';

export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';
/** Local values for the template's DefinitionSubstitutions (what the local stack would resolve). */
export const LOCAL_SUBSTITUTIONS: Record<string, string> = { ApiEndpoint: '127.0.0.1:3001', Stage: 'prod' };

const template = parseCloudFormation(
  readFileSync(new URL('../../../template.yaml', import.meta.url), 'utf8'),
) as unknown as CfnTemplate;

function substitute(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) => variables[name] ?? placeholder);
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [substitute(key, variables), substitute(item, variables)]),
    );
  }
  return value;
}

/** A state machine of template.yaml as the local stack would load it: definition with substitutions applied. */
export function machineFromTemplate(logicalId: string): StateMachineConfig {
  const properties = template.Resources[logicalId]?.Properties;
  if (!properties) throw new Error(`template.yaml has no resource ${logicalId}`);
  const substitutions = Object.keys((properties['DefinitionSubstitutions'] ?? {}) as object);
  const variables = Object.fromEntries(
    substitutions.map((name) => [name, LOCAL_SUBSTITUTIONS[name] ?? `missing-${name}`]),
  );
  return {
    arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${logicalId}`,
    name: logicalId,
    type: properties['Type'] as StateMachineConfig['type'],
    definition: substitute(structuredClone(properties['Definition']), variables) as object,
  };
}

export type InvokeReply = (parameters: ApiGatewayInvokeParameters) => ApiGatewayInvokeResult;

/** A started service over both template machines; `calls` records what invokeApiGateway received. */
export async function startService(
  reply: InvokeReply = () => ({ statusCode: 200, headers: {}, body: '' }),
  waitTimeScale = 0.01,
) {
  const calls: ApiGatewayInvokeParameters[] = [];
  const service: StepFunctionsService = createStepFunctionsService({
    region: REGION,
    accountId: ACCOUNT,
    stateMachines: [machineFromTemplate('SyncSfnStateMachine'), machineFromTemplate('AsyncSfnStateMachine')],
    invokeApiGateway: async (parameters) => {
      calls.push(structuredClone(parameters));
      return reply(parameters);
    },
    waitTimeScale,
  });
  await service.start();
  return { service, calls };
}

export const SYNC_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:SyncSfnStateMachine`;
export const ASYNC_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:AsyncSfnStateMachine`;
