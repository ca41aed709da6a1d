import { getAtt, join, sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { identitySegment } from '../config/index.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { edgeCopiesAuthorization } from './authorizer.ts';

/** AWS managed cache policy "CachingDisabled": WebSocket upgrades must never be cached. */
const CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** Headers a WebSocket handshake needs end to end (AWS recommends Sec-WebSocket-Extensions too). */
const HANDSHAKE_HEADERS = ['Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Sec-WebSocket-Protocol', 'Sec-WebSocket-Accept', 'Sec-WebSocket-Extensions'];

/**
 * CloudFront in front of the API: the viewer-request function moves any URL path into a header,
 * the origin request policy forwards it with the handshake headers, TLS 1.2 to the origin and
 * HTTPS-only viewers.
 */
export const edgeVisitor: Visitor = (template, { config, partials }) => {
  const { edge } = config;
  if (!edge.enabled) return;
  const authorizationHeader = edgeCopiesAuthorization(config) ? edge.authorizationHeader : null;
  const headers = [...new Set([...HANDSHAKE_HEADERS, edge.pathHeader, ...(authorizationHeader ? [authorizationHeader] : []), ...edge.forwardHeaders])];
  template.Resources[LOGICAL_IDS.originRequestPolicy] = {
    Type: 'AWS::CloudFront::OriginRequestPolicy',
    Properties: {
      OriginRequestPolicyConfig: {
        Name: sub('${AWS::StackName}-WebSocketOrigin'),
        Comment: 'API Gateway WebSocket origin: handshake headers, the path header, every query string',
        CookiesConfig: { CookieBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: headers },
      },
    },
  };
  template.Resources[LOGICAL_IDS.uriRewriteFunction] = {
    Type: 'AWS::CloudFront::Function',
    Properties: {
      Name: sub('${AWS::StackName}-UriRewrite'),
      AutoPublish: true,
      FunctionConfig: { Comment: 'Move the viewer URL path into a header', Runtime: edge.runtime },
      FunctionCode: partials.render('cloudfront/uri-rewrite', {
        pathHeader: edge.pathHeader,
        authorizationHeader,
        identityPath: config.sessions.identity ? identityPathRegex(config.sessions.identity.pathPattern) : null,
      }),
    },
  };
  template.Resources[LOGICAL_IDS.distribution] = {
    Type: 'AWS::CloudFront::Distribution',
    Properties: {
      DistributionConfig: {
        Comment: sub('${AWS::StackName} WebSocket edge'),
        Enabled: true,
        HttpVersion: 'http2',
        PriceClass: edge.priceClass,
        Origins: [{
          Id: 'WebSocketApiOrigin',
          DomainName: sub(`\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`),
          OriginPath: sub(`/\${${LOGICAL_IDS.stageParameter}}`),
          CustomOriginConfig: { HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        }],
        DefaultCacheBehavior: {
          TargetOriginId: 'WebSocketApiOrigin',
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD'],
          Compress: false,
          CachePolicyId: CACHING_DISABLED_POLICY_ID,
          OriginRequestPolicyId: getAtt(LOGICAL_IDS.originRequestPolicy, 'Id'),
          FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: getAtt(LOGICAL_IDS.uriRewriteFunction, 'FunctionARN') }],
        },
      },
    },
  };
};

/** `/ocpp/{chargePointId}` → `^/ocpp/[^/]+/?$`: literal segments (already validated) and one segment of anything. */
function identityPathRegex(pathPattern: string): string {
  const { index, literals } = identitySegment(pathPattern);
  const segments = literals.map((literal, i) => (i === index ? '[^/]+' : literal.replace(/[.]/g, '\\.')));
  return `^/${segments.join('/')}/?$`;
}

export const distributionUrl = () => join('', ['wss://', getAtt(LOGICAL_IDS.distribution, 'DomainName')]);
