/** The local SQS: queues from the template, their JSON 1.0 API on the local AWS endpoint, event source mappings. */
export { createSqsService } from './service.ts';
export type { SqsService, SqsServiceOptions } from './service.ts';
