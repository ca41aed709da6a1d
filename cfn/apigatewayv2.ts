import type { CfnValue } from './types.ts';

/**
 * The closed sets of `AWS::ApiGatewayV2::Integration` that both sides of the template use: the
 * generator writes them, the local stack reads them back.
 */
export const INTEGRATION_TYPES = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

/** What API Gateway does with a request no request template matches (absent: WHEN_NO_MATCH). */
export const PASSTHROUGH_BEHAVIORS = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER'] as const;
export type PassthroughBehavior = (typeof PASSTHROUGH_BEHAVIORS)[number];

/** The integration properties the generator sets (the resource's `ApiId` comes from the route). */
export type IntegrationProperties = {
  IntegrationType: IntegrationType;
  IntegrationUri: CfnValue;
  /** AWS service actions are called with POST. */
  IntegrationMethod?: 'POST';
  CredentialsArn?: CfnValue;
  PassthroughBehavior?: PassthroughBehavior;
  TemplateSelectionExpression?: string;
  RequestTemplates?: Record<string, CfnValue>;
};
