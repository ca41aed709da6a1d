import type { LocalTemplate } from '../template/index.ts';

export interface LocalEndpoints {
  apiId: string;
  region: string;
  urlSuffix: string;
  apiPort: number;
  /** The distribution's placeholder domain and the local edge's port, when the stack runs an edge. */
  edge?: { domainName: string; port: number };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A template output's value with the deployed endpoints it names turned into the local ones: the API's
 * `wss://`/`https://{api}.execute-api.{region}.{suffix}` (or its bare host) becomes `ws://`/`http://127.0.0.1:{port}`,
 * and the distribution's domain the local edge. Anything else is the template's value as resolved.
 */
export function localOutputValue(value: string, endpoints: LocalEndpoints): string {
  const apiHost = `${endpoints.apiId}.execute-api.${endpoints.region}.${endpoints.urlSuffix}`;
  const hosts: Array<[string, number]> = [[apiHost, endpoints.apiPort]];
  if (endpoints.edge) hosts.push([endpoints.edge.domainName, endpoints.edge.port]);
  let local = value;
  for (const [host, port] of hosts) {
    local = local
      .replace(new RegExp(`wss://${escape(host)}`, 'g'), `ws://127.0.0.1:${port}`)
      .replace(new RegExp(`https://${escape(host)}`, 'g'), `http://127.0.0.1:${port}`)
      .replace(new RegExp(escape(host), 'g'), `127.0.0.1:${port}`);
  }
  return local;
}

/** Every output of the template that resolves locally, with local endpoints. */
export function templateOutputs(template: LocalTemplate, endpoints: LocalEndpoints): Record<string, string> {
  return Object.fromEntries(Object.entries(template.outputs).map(([name, value]) => [name, localOutputValue(value, endpoints)]));
}
