/** The answers AWS services give a caller IAM denied, per service (status, headers, body). */
export interface DeniedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type DenyingService = 'dynamodb' | 'states' | 'execute-api' | 'lambda' | 'sqs';

const JSON_1_0 = 'application/x-amz-json-1.0';

/**
 * - DynamoDB: HTTP 400, `__type` `com.amazon.coral.service#AccessDeniedException` with a capital-M `Message`
 *   (the coral service-exception shape DynamoDB also uses for SerializationException).
 * - Step Functions: HTTP 400 `AccessDeniedException` in the JSON 1.0 shape of its other errors (lower-case
 *   `message`; the exact body is UNCONFIRMED).
 * - `@connections` (execute-api): HTTP 403 with `x-amzn-ErrorType: AccessDeniedException` and `{"Message": …}`,
 *   as API Gateway answers IAM denials (AWS re:Post knowledge center "API Gateway 403 errors"); SDKs surface it as
 *   `AccessDeniedException` (the code real PostToConnection denials carry, aws-solutions/innovation-sandbox-on-aws#59).
 * - Lambda (REST-JSON): HTTP 403 `AccessDeniedException` with `{"Message": …}` (as Invoke denials print:
 *   danilop/LambdAuth#37; "Status Code: 403; Error Code: AccessDeniedException" in SDK errors).
 * - SQS (JSON 1.0): HTTP 403 with `x-amzn-query-error: AccessDenied;Sender`, as SQS's Query protocol answered denials
 *   (island-is/island.is#7812: httpStatusCode 403, Code AccessDenied); the JSON body's `__type` is UNCONFIRMED.
 */
const SHAPES: Record<DenyingService, (message: string) => DeniedResponse> = {
  dynamodb: (message) => ({
    statusCode: 400,
    headers: { 'content-type': JSON_1_0, 'x-amzn-ErrorType': 'AccessDeniedException' },
    body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: message }),
  }),
  states: (message) => ({
    statusCode: 400,
    headers: { 'content-type': JSON_1_0, 'x-amzn-ErrorType': 'AccessDeniedException' },
    body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message }),
  }),
  'execute-api': (message) => ({
    statusCode: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' },
    body: JSON.stringify({ Message: message }),
  }),
  sqs: (message) => ({
    statusCode: 403,
    headers: {
      'content-type': JSON_1_0,
      'x-amzn-ErrorType': 'AccessDenied',
      'x-amzn-query-error': 'AccessDenied;Sender',
    },
    body: JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message }),
  }),
  lambda: (message) => ({
    statusCode: 403,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'AccessDeniedException' },
    body: JSON.stringify({ Message: message }),
  }),
};

export function accessDeniedResponse(service: DenyingService, message: string): DeniedResponse {
  return SHAPES[service](message);
}
