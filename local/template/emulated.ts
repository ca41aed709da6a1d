import { isSupportedResourceType } from './physical-ids.ts';
import type { RawResource } from './references.ts';
import { parseSub } from './sub.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** Logical ids a raw (unresolved) value refers to through Ref, Fn::GetAtt or Fn::Sub. */
function referencedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, found);
  } else if (isMapping(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref' && typeof item === 'string') found.add(item);
      else if (key === 'Fn::GetAtt')
        found.add(typeof item === 'string' ? item.split('.')[0]! : String((item as unknown[])[0]));
      else if (key === 'Fn::Sub' && (typeof item === 'string' || typeof (item as unknown[])[0] === 'string')) {
        const text = typeof item === 'string' ? item : (item as string[])[0]!;
        try {
          for (const part of parseSub(text, '')) if ('variable' in part) found.add(part.variable.split('.')[0]!);
        } catch {
          /* a malformed Sub is reported where it is resolved */
        }
        if (Array.isArray(item)) referencedNames(item[1], found);
      } else referencedNames(item, found);
    }
  }
  return found;
}

/**
 * Whether the local stack runs (or reads) this resource. A type without a physical-id rule is not emulated,
 * and neither is a CloudFront distribution none of whose origins is the WebSocket API (a website in front of
 * S3, say): the local edge only stands in front of the API.
 */
export function isEmulated(resource: RawResource, resources: Record<string, RawResource>): boolean {
  if (!isSupportedResourceType(resource.Type)) return false;
  if (resource.Type !== 'AWS::CloudFront::Distribution') return true;
  const config = resource.Properties?.['DistributionConfig'];
  const origins = isMapping(config) && Array.isArray(config['Origins']) ? config['Origins'] : [];
  const names = referencedNames(origins.map((origin) => (isMapping(origin) ? origin['DomainName'] : undefined)));
  return [...names].some((name) => resources[name]?.Type === 'AWS::ApiGatewayV2::Api');
}
