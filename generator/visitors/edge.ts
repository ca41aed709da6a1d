import { getAtt, join, ref, sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { identityPattern } from '../../handlers/lib/identity-path.ts';
import { ORIGIN_SECRET_HEADER } from '../config/edge.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { edgeCopiesAuthorization } from './authorizer.ts';
import { edgeGuarded } from './edge-guard.ts';

/** AWS managed cache policy "CachingDisabled": WebSocket upgrades must never be cached. */
const CACHING_DISABLED_POLICY_ID = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** Headers a WebSocket handshake needs end to end (AWS recommends Sec-WebSocket-Extensions too). */
const HANDSHAKE_HEADERS = [
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Accept',
  'Sec-WebSocket-Extensions',
];

/**
 * CloudFront in front of the API: the viewer-request function moves any URL path into a header,
 * the origin request policy forwards it with the handshake headers, TLS 1.2 to the origin and
 * HTTPS-only viewers.
 */
export const edgeVisitor: Visitor = (template, { config, partials }) => {
  const { edge } = config;
  if (!edge.enabled) return;
  const authorizationHeader = edgeCopiesAuthorization(config) ? edge.authorizationHeader : null;
  const { allowedOrigins } = config.connect;
  const headers = [
    ...new Set([
      ...HANDSHAKE_HEADERS,
      edge.pathHeader,
      ...(authorizationHeader ? [authorizationHeader] : []),
      // $connect checks Origin too (for direct clients), so it must reach the API.
      ...(allowedOrigins.length > 0 ? ['Origin'] : []),
      ...edge.forwardHeaders,
    ]),
  ];
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
        identityPath: config.sessions.identity ? identityPattern(config.sessions.identity.pathPattern).regex : null,
        allowedOrigins: allowedOrigins.length > 0 ? allowedOrigins : null,
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
        Origins: [
          {
            Id: 'WebSocketApiOrigin',
            DomainName: sub(`\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`),
            OriginPath: sub(`/\${${LOGICAL_IDS.stageParameter}}`),
            CustomOriginConfig: { HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
            // The proof that a handshake came through the edge; CloudFront replaces any viewer header of this name.
            ...(edgeGuarded(config)
              ? {
                  OriginCustomHeaders: [
                    { HeaderName: ORIGIN_SECRET_HEADER, HeaderValue: ref(LOGICAL_IDS.originSecretParameter) },
                  ],
                }
              : {}),
          },
        ],
        DefaultCacheBehavior: {
          TargetOriginId: 'WebSocketApiOrigin',
          ViewerProtocolPolicy: 'https-only',
          AllowedMethods: ['GET', 'HEAD'],
          Compress: false,
          CachePolicyId: CACHING_DISABLED_POLICY_ID,
          OriginRequestPolicyId: getAtt(LOGICAL_IDS.originRequestPolicy, 'Id'),
          FunctionAssociations: [
            { EventType: 'viewer-request', FunctionARN: getAtt(LOGICAL_IDS.uriRewriteFunction, 'FunctionARN') },
          ],
        },
      },
    },
  };
};

export const distributionUrl = () => join('', ['wss://', getAtt(LOGICAL_IDS.distribution, 'DomainName')]);
