import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** One HTTP answer of the local AWS endpoint, written whole. */
export interface AwsAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** Writes `answer` with AWS's request id header, as every AWS service answer has one. */
export function sendAnswer(res: ServerResponse, answer: AwsAnswer): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  res.writeHead(answer.statusCode, {
    'x-amzn-RequestId': randomUUID(),
    ...answer.headers,
    'Content-Length': body.length,
  });
  res.end(body);
}

/** A REST-JSON error (Lambda's protocol): `x-amzn-ErrorType` names it, the body carries the message. */
export function restJsonError(statusCode: number, type: string, body: Record<string, string>): AwsAnswer {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': type },
    body: JSON.stringify(body),
  };
}
