import { loadConfigFile } from '../../generator/config/load.ts';

/** The OCPP example authorizer's environment, as its config declares it. */
export async function readConfigEnvironment(): Promise<Record<string, string>> {
  const { config } = await loadConfigFile('examples/ocpp/ws.config.ts');
  if (config.connect.authorization.type !== 'REQUEST') throw new Error('examples/ocpp/ws.config.ts: expected a REQUEST authorizer');
  return config.connect.authorization.environment;
}
