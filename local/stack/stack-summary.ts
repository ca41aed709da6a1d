import { distributionFromTemplate, type LocalTemplate } from '../template/index.ts';
import { mappedApiDomains } from './api-domains.ts';
import { localOutputs, type LocalOutputs } from './outputs.ts';
import type { LocalStack } from './stack-options.ts';

export interface StartedServices {
  apiId: string;
  region: string;
  urlSuffix: string;
  stage: string;
  apiPort: number;
  dynamodbEndpoint: string;
  /** The local AWS endpoint (Step Functions, Lambda Invoke, the console). */
  services: { endpoint: string; port: number };
  /** Absent when the template has no distribution to stand in for. */
  edge: { port: number } | undefined;
}

/** What a started stack tells its caller: the outputs with local values, and the ports it took (a restart takes them again). */
export function stackSummary(
  template: LocalTemplate,
  started: StartedServices,
): { outputs: LocalOutputs; ports: LocalStack['ports'] } {
  const { edge, services } = started;
  const outputs = localOutputs(template, {
    apiId: started.apiId,
    region: started.region,
    urlSuffix: started.urlSuffix,
    apiPort: started.apiPort,
    stage: started.stage,
    dynamodb: started.dynamodbEndpoint,
    ...(edge
      ? {
          edge: {
            port: edge.port,
            domainName: distributionFromTemplate(template)?.domainName,
            aliases: distributionFromTemplate(template)?.aliases ?? [],
          },
        }
      : {}),
    apiDomains: mappedApiDomains(template),
    services: services.endpoint,
    consoleUrl: `${services.endpoint}/_console/`,
  });
  const ports = {
    api: started.apiPort,
    edge: edge?.port ?? 0,
    dynamodb: Number(new URL(started.dynamodbEndpoint).port),
    services: services.port,
  };
  return { outputs, ports };
}
