/** Shapes of the CloudFront Functions viewer-request event and of what a run of the function comes to. */

export type CloudFrontFunctionRuntime = 'cloudfront-js-1.0' | 'cloudfront-js-2.0';

/** One query string, header or cookie entry; repeats collapse into `multiValue` (first value also in `value`). */
export interface ValueEntry {
  value: string;
  multiValue?: { value: string }[];
}

export type ValueMap = Record<string, ValueEntry>;

export interface ViewerRequest {
  method: string;
  uri: string;
  /** Functions may also set a raw `a=1&b=2` string (AWS's own normalisation example does). */
  querystring: ValueMap | string;
  headers: ValueMap;
  cookies: ValueMap;
}

export interface ViewerRequestEvent {
  version: '1.0';
  context: {
    distributionDomainName: string;
    distributionId: string;
    eventType: 'viewer-request';
    requestId: string;
  };
  viewer: { ip: string };
  request: ViewerRequest;
}

/** A body a function may return: a string, or (2.0) `{ encoding: 'text' | 'base64', data }`. */
export type FunctionResponseBody = string | { encoding: 'text' | 'base64'; data: string };

export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: ValueMap;
  cookies?: ValueMap;
  body?: FunctionResponseBody;
}

/**
 * `execution`: the code threw, ran out of CPU budget or never settled its promise.
 * `validation`: the code returned something CloudFront rejects (bad shape, disallowed or read-only header).
 */
export type FunctionErrorCause = 'execution' | 'validation';

export type ViewerRequestOutcome =
  | { kind: 'request'; request: ViewerRequest }
  | { kind: 'response'; response: FunctionResponse }
  | { kind: 'error'; cause: FunctionErrorCause; reason: string };
