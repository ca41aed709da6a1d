import { errorResponse } from '../error-responses.ts';
import { RequestRefused } from './request-fields.ts';

const ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:([A-Za-z]+):/;

/**
 * An ARN of the kind the operation takes (`stateMachine`, or `execution`, which covers Express `express:` ARNs),
 * or Step Functions' InvalidArn: `Invalid ARN prefix` for what is no Step Functions ARN, `Resource type not valid
 * in this context` for another kind.
 */
export function checkArn(arn: string, kind: 'stateMachine' | 'execution'): string {
  const type = ARN.exec(arn)?.[1];
  if (type === undefined)
    throw new RequestRefused(errorResponse('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${arn}'`));
  const fits = kind === 'execution' ? type === 'execution' || type === 'express' : type === kind;
  if (!fits)
    throw new RequestRefused(
      errorResponse('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${type}'`),
    );
  return arn;
}
