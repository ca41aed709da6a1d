import type { Visitor } from '../context.ts';

/** Resource types whose `Tags` is a key → value map; the others listed take `[{Key, Value}]`. */
const MAP_TAGGED = new Set([
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::Serverless::Function',
  'AWS::Serverless::StateMachine',
  'AWS::ApiGatewayV2::DomainName',
]);
const LIST_TAGGED = new Set([
  'AWS::DynamoDB::Table',
  'AWS::IAM::Role',
  'AWS::Logs::LogGroup',
  'AWS::CloudFront::Distribution',
  'AWS::WAFv2::WebACL',
  'AWS::WAFv2::IPSet',
  'AWS::CertificateManager::Certificate',
  'AWS::SNS::Topic',
  'AWS::CloudWatch::Alarm',
]);

/** Puts the config's tags on every taggable resource; runs last. */
export const tagsVisitor: Visitor = (template, { config }) => {
  const entries = Object.entries(config.tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return;
  for (const resource of Object.values(template.Resources)) {
    resource.Properties ??= {};
    const properties = resource.Properties;
    if (MAP_TAGGED.has(resource.Type)) properties['Tags'] = Object.fromEntries(entries);
    else if (LIST_TAGGED.has(resource.Type)) properties['Tags'] = entries.map(([Key, Value]) => ({ Key, Value }));
  }
};
