import { getAtt, ref, type CfnObject, type CfnValue } from '../../cfn/types.ts';
import type { DomainConfig, WsConfig } from '../config/index.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { distributionConfig } from './distribution-config.ts';

/** The hosted zone id of every CloudFront distribution in Route 53 alias records (AWS: Z2FDTNDATAQYW2). */
const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';
/** CloudFront's TLS policy with TLS 1.2 as the minimum (the newest of the TLSv1.2_* policies). */
const EDGE_TLS_POLICY = 'TLSv1.2_2021';

/**
 * A custom domain: on the edge (CloudFront aliases and a us-east-1 certificate) when there is one, else on the API
 * (a regional API Gateway domain name mapped to the stage). TLS 1.2 minimum either way; an alias record when the
 * hosted zone is given; the certificate is created and validated by DNS when no ARN is given.
 */
export const domainVisitor: Visitor = (template, { config }) => {
  const { domain } = config;
  if (domain === undefined) return;
  if (domain.certificateArn === undefined) {
    // The config rules demand a hosted zone whenever no certificate ARN is given.
    if (domain.hostedZoneId === undefined)
      throw new Error(
        'domain: a created certificate needs domain.hostedZoneId (the config rules should have refused this)',
      );
    template.Resources[LOGICAL_IDS.certificate] = {
      Type: 'AWS::CertificateManager::Certificate',
      Properties: {
        DomainName: domain.name,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: domain.name, HostedZoneId: domain.hostedZoneId }],
      },
    };
  }
  const certificate: CfnValue = domain.certificateArn ?? ref(LOGICAL_IDS.certificate);
  const target = config.edge.enabled
    ? edgeDomain(template.Resources, domain, certificate)
    : apiDomain(template.Resources, domain, certificate);
  if (domain.hostedZoneId === undefined) return;
  template.Resources[LOGICAL_IDS.domainRecord] = {
    Type: 'AWS::Route53::RecordSet',
    Properties: { HostedZoneId: domain.hostedZoneId, Name: domain.name, Type: 'A', AliasTarget: target },
  };
};

function edgeDomain(
  resources: Parameters<Visitor>[0]['Resources'],
  domain: DomainConfig,
  certificate: CfnValue,
): CfnObject {
  const distribution = distributionConfig(resources);
  distribution['Aliases'] = [domain.name];
  distribution['ViewerCertificate'] = {
    AcmCertificateArn: certificate,
    SslSupportMethod: 'sni-only',
    MinimumProtocolVersion: EDGE_TLS_POLICY,
  };
  return {
    DNSName: getAtt(LOGICAL_IDS.distribution, 'DomainName'),
    HostedZoneId: CLOUDFRONT_HOSTED_ZONE_ID,
    EvaluateTargetHealth: false,
  };
}

function apiDomain(
  resources: Parameters<Visitor>[0]['Resources'],
  domain: DomainConfig,
  certificate: CfnValue,
): CfnObject {
  resources[LOGICAL_IDS.apiDomainName] = {
    Type: 'AWS::ApiGatewayV2::DomainName',
    Properties: {
      DomainName: domain.name,
      DomainNameConfigurations: [{ CertificateArn: certificate, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    },
  };
  // No mapping key: wss://<domain> is the stage itself, as the edge's URL is.
  resources[LOGICAL_IDS.apiMapping] = {
    Type: 'AWS::ApiGatewayV2::ApiMapping',
    Properties: {
      DomainName: ref(LOGICAL_IDS.apiDomainName),
      ApiId: ref(LOGICAL_IDS.api),
      Stage: ref(LOGICAL_IDS.stage),
    },
  };
  return {
    DNSName: getAtt(LOGICAL_IDS.apiDomainName, 'RegionalDomainName'),
    HostedZoneId: getAtt(LOGICAL_IDS.apiDomainName, 'RegionalHostedZoneId'),
    EvaluateTargetHealth: false,
  };
}

/** Where DNS must point when the stack does not write the record itself. */
export function domainTarget(config: WsConfig): CfnValue {
  return config.edge.enabled
    ? getAtt(LOGICAL_IDS.distribution, 'DomainName')
    : getAtt(LOGICAL_IDS.apiDomainName, 'RegionalDomainName');
}
