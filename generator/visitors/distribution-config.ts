import type { CfnObject, CfnResource } from '../../cfn/types.ts';
import { LOGICAL_IDS } from '../naming.ts';

/** The edge visitor's `DistributionConfig`, for visitors that add to it (domain, firewall); a programmer error when absent. */
export function distributionConfig(resources: Record<string, CfnResource>): CfnObject {
  const config = resources[LOGICAL_IDS.distribution]?.Properties?.['DistributionConfig'];
  if (config === undefined || config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`${LOGICAL_IDS.distribution} must be generated before a visitor adds to its DistributionConfig`);
  }
  return config;
}
