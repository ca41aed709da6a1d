/**
 * Which `Host` a WebSocket upgrade may carry: API Gateway finds the API by the Host header, so a request whose Host
 * is not the API's own name (`{apiId}.execute-api.{region}.amazonaws.com`, what `$context.domainName` reports) gets
 * 403 Forbidden. That is what a CloudFront distribution whose origin request policy forwards the viewer's Host (the
 * managed AllViewer policy) meets (docs/aws-behaviour.md#cf-websocket): the local edge forwards the distribution's
 * domain name then, as a viewer's Host on AWS would be. Locally the gateway also answers for loopback names on any
 * port (`127.0.0.1`, `localhost`, `[::1]`), which is how local clients reach it, port forwards included. A request
 * with no Host at all (HTTP/1.0) is let through: it names no other site.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function createHostCheck(
  domainName: () => string,
  isCustomDomain: (host: string) => boolean = () => false,
): (host: string | undefined) => boolean {
  return (host) => {
    if (host === undefined) return true;
    const name = host.trim().toLowerCase();
    const hostname = name.replace(/:\d+$/, '').replace(/\.$/, '');
    const own = domainName().toLowerCase();
    return LOOPBACK.has(hostname) || name === own || hostname === own.replace(/:\d+$/, '') || isCustomDomain(host);
  };
}
