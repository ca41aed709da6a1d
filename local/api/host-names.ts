/**
 * Which `Host` a WebSocket upgrade may carry: API Gateway finds the API by the Host header, so a request whose Host
 * is not the API's own name (`{apiId}.execute-api.{region}.amazonaws.com`, what `$context.domainName` reports) gets
 * 403 Forbidden. That is what a CloudFront distribution whose origin request policy forwards the viewer's Host
 * (the managed AllViewer policy) meets (docs/aws-behaviour.md#cf-websocket). Locally the gateway also answers for the
 * address it listens on, `127.0.0.1:{port}` and `localhost:{port}`, which is how local clients reach it. A request
 * with no Host at all (HTTP/1.0) is let through: it names no other site.
 */
export function createHostCheck(domainName: () => string, port: () => number): (host: string | undefined) => boolean {
  return (host) => {
    if (host === undefined) return true;
    const name = host.trim().toLowerCase().replace(/\.(?=:\d+$|$)/, '');
    const own = domainName().toLowerCase();
    const local = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    return name === own || name === `${own}:443` || local.includes(name);
  };
}
