export { loadLocalTemplate } from './load.ts';
export { TemplateError } from './errors.ts';
export { stateMachineDefinition } from './state-machine.ts';
export { tablesFromTemplate, stateMachinesFromTemplate } from './accessors.ts';
export type { LocalTable, LocalStateMachine } from './accessors.ts';
export { functionsFromTemplate, layersFromTemplate } from './functions.ts';
export type { FunctionCode, LocalFunction, LocalLayer } from './functions.ts';
export { integrationsFromTemplate } from './integrations.ts';
export type { LocalIntegration, LocalIntegrationResponse, LocalRoute } from './integrations.ts';
export { parseIntegrationUri } from './integration-uri.ts';
export type { IntegrationTarget } from './integration-uri.ts';
export { apiFromTemplate } from './api.ts';
export { distributionFromTemplate } from './distribution.ts';
export type { LocalDistribution } from './distribution.ts';
export type { LocalApi } from './api.ts';
export type {
  LoadTemplateOptions,
  LocalResource,
  LocalTemplate,
  NotEmulatedResource,
  PhysicalId,
  UnresolvedOutput,
} from './types.ts';
export { authorizersFromTemplate } from './authorizers.ts';
export type { IdentitySource, LocalAuthorizer } from './authorizers.ts';
export type { RouteAuthorization } from './route-authorization.ts';
export { stageAccessLogFormat } from './access-log.ts';
export { checkProperties, type PropertyFindings } from './check-properties.ts';
export { PROPERTY_COVERAGE, TYPES_NOT_EMULATED, type TypeCoverage } from './property-coverage.ts';
export { webAclFromTemplate } from './web-acl.ts';
export type { DistributionWebAcl } from './web-acl.ts';
export { apiKeysFromTemplate } from './api-keys.ts';
export { requestValidationsFromTemplate } from './request-models.ts';
export type { LocalModelSchema, LocalRequestValidation } from './models.ts';
export type { LocalApiKey, LocalApiKeys } from './api-keys.ts';
