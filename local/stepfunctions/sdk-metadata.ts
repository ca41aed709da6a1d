import { randomUUID } from 'node:crypto';

/**
 * The HTTP metadata Step Functions' optimized integrations add to a Task's result (the AWS Java SDK's
 * `SdkHttpMetadata` and `SdkResponseMetadata`), as recorded against AWS in LocalStack's snapshot tests
 * (tests/aws/services/stepfunctions/v2/services/test_lambda_task_service.snapshot.json, test_dynamodb_task_service…):
 * `AllHttpHeaders` lists every header with its values as sent, `HttpHeaders` the same with one value each,
 * names in case-insensitive order. The values are local (request ids, dates); the shape is AWS's.
 */
export interface SdkMetadata {
  SdkHttpMetadata: {
    AllHttpHeaders: Record<string, string[]>;
    HttpHeaders: Record<string, string>;
    HttpStatusCode: number;
  };
  SdkResponseMetadata: { RequestId: string };
}

/** `headers` in the order the service sends them. */
export function sdkMetadata(
  headers: Array<[name: string, value: string]>,
  statusCode: number,
  requestId: string,
): SdkMetadata {
  // Java's String.CASE_INSENSITIVE_ORDER: character by character, case folded.
  const sorted = [...headers].sort(([a], [b]) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
  );
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
      HttpHeaders: Object.fromEntries(sorted),
      HttpStatusCode: statusCode,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}

/** An AWS request id (a UUID), for answers whose service gave none. */
export const newRequestId = (): string => randomUUID();

/** The `Date` header's form (RFC 7231 IMF-fixdate). */
export const httpDate = (): string => new Date().toUTCString();

/** The Java SDK v1's error cause: `message (Service: X; Status Code: n; Error Code: Y; Request ID: id; Proxy: null)`. */
export function javaSdkV1Cause(
  message: string,
  service: string,
  statusCode: number,
  errorCode: string,
  requestId: string,
): string {
  return `${message} (Service: ${service}; Status Code: ${statusCode}; Error Code: ${errorCode}; Request ID: ${requestId}; Proxy: null)`;
}
