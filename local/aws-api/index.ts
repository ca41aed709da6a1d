/** The local AWS endpoint: Step Functions and Lambda Invoke on one port (and the local console beside them). */
export { createAwsApiService } from './service.ts';
export type {
  AwsApiService,
  AwsApiServiceOptions,
  EndpointAuthorizer,
  ExtraRoute,
  InvokableFunction,
} from './types.ts';
