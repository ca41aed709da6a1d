/** Shapes of the distribution settings the local edge applies around its CloudFront Function. */

export type HeaderBehavior = 'none' | 'whitelist' | 'allViewer' | 'allViewerAndWhitelistCloudFront';
export type QueryStringBehavior = 'none' | 'whitelist' | 'all' | 'allExcept';
export type CookieBehavior = 'none' | 'whitelist' | 'all' | 'allExcept';

/** `OriginRequestPolicyConfig` of an `AWS::CloudFront::OriginRequestPolicy`, intrinsics already resolved. */
export interface OriginRequestPolicyConfig {
  HeadersConfig: { HeaderBehavior: HeaderBehavior; Headers?: string[] };
  QueryStringsConfig: { QueryStringBehavior: QueryStringBehavior; QueryStrings?: string[] };
  CookiesConfig: { CookieBehavior: CookieBehavior; Cookies?: string[] };
}
