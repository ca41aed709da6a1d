/** Where SDK clients of services the local stack does not run are sent: a closed port (TCP port 1), never AWS. */
const NOT_EMULATED_ENDPOINT = 'http://127.0.0.1:1';

/** The environment every function gets: the region, dummy credentials and the local endpoints of each emulated service. */
export function lambdaBaseEnvironment(endpoints: {
  region: string;
  dynamodb: string;
  connections: string;
  services: string;
}): Record<string, string> {
  return {
    AWS_REGION: endpoints.region,
    AWS_DEFAULT_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoints.connections,
    AWS_ENDPOINT_URL_SFN: endpoints.services,
    AWS_ENDPOINT_URL_LAMBDA: endpoints.services,
    // The queue URLs (`<NAME>_QUEUE_URL`) keep AWS's host; SDKs send to this endpoint with the URL in the body.
    AWS_ENDPOINT_URL_SQS: endpoints.services,
    // Clients of services that are not emulated fail on a closed loopback port instead of reaching AWS
    // (the service-specific variables above win over it in the SDKs).
    AWS_ENDPOINT_URL: NOT_EMULATED_ENDPOINT,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
