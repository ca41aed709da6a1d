import { readFileSync } from 'node:fs';
import { loadLocalTemplate } from '../../local/template/index.ts';

/** The OCPP example authorizer's environment, as its generated template gives it (the config's plus the generator's). */
export function readAuthorizerEnvironment(): Record<string, string> {
  const template = loadLocalTemplate(readFileSync('examples/ocpp/template.yaml', 'utf8'), {
    stackName: 'local',
    region: 'us-east-1',
    accountId: '123456789012',
  });
  const properties = template.resources.get('ConnectAuthorizerFunction')?.properties as
    | { Environment?: { Variables?: Record<string, string> } }
    | undefined;
  const variables = properties?.Environment?.Variables;
  if (variables === undefined)
    throw new Error('examples/ocpp/template.yaml: expected a ConnectAuthorizerFunction with environment variables');
  return variables;
}
