// How a handler reaches the local API the way it would reach API Gateway. Handlers build their @connections endpoint
// from the event (`https://${domainName}/${stage}`) or from the API id and the region
// (`https://${apiId}.execute-api.${region}.amazonaws.com/${stage}`, as the AWS chat sample does); both name the
// API's own host on port 443. Inside the sandbox those host names (and only those) resolve to loopback, a TLS
// connection to them goes to the local TLS front (local/stack/tls-front.ts) with the name kept for SNI and the
// certificate check, and the front's certificate is trusted for them and for loopback, on top of the usual roots.
// Every other host resolves and verifies as it would anyway. Plain JavaScript: it runs in the sandbox worker.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import tls from 'node:tls';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const HTTPS_PORTS = new Set([undefined, null, '', 443, '443']);

/** `www.Example.com.` and `www.example.com` are one host. */
const canonical = (host) => (typeof host === 'string' ? host.toLowerCase().replace(/\.$/, '') : host);

/** tls.connect's arguments as one options object: (options[, cb]) or (port[, host][, options][, cb]). */
function optionsOf(args) {
  if (typeof args[0] === 'object' && args[0] !== null) return { options: args[0], rest: args.slice(1) };
  const options = {};
  let index = 0;
  if (typeof args[index] === 'number' || (typeof args[index] === 'string' && /^\d+$/.test(args[index])))
    options.port = args[index++];
  if (typeof args[index] === 'string') options.host = args[index++];
  if (typeof args[index] === 'object' && args[index] !== null) Object.assign(options, args[index++]);
  return { options: { ...options }, rest: args.slice(index) };
}

/** @param {{ certificatePem: string, hostNames: string[], port: number }} reach */
export function reachLocalApi({ certificatePem, hostNames, port }) {
  const apiHosts = new Set(hostNames.map(canonical));
  const trusted = [...tls.rootCertificates, certificatePem];

  const originalConnect = tls.connect;
  tls.connect = function connectReachingLocalApi(...args) {
    const { options, rest } = optionsOf(args);
    const host = canonical(options.host ?? options.servername);
    if (apiHosts.has(host)) {
      const redirected = {
        ...options,
        host: '127.0.0.1',
        servername: options.servername ?? host,
        ca: options.ca ?? trusted,
      };
      // Port 443 is where API Gateway listens; any other port would not answer on AWS either, so it is left as asked.
      if (HTTPS_PORTS.has(options.port)) redirected.port = port;
      return originalConnect.call(this, redirected, ...rest);
    }
    if (options.ca === undefined && LOOPBACK.has(host ?? 'localhost'))
      return originalConnect.call(this, { ...options, ca: trusted }, ...rest);
    return originalConnect.apply(this, args);
  };

  // A plain lookup of the API's host (an SDK's own resolver, an http:// URL) gets loopback, never the public address.
  const originalLookup = dns.lookup;
  dns.lookup = function lookupReachingLocalApi(...args) {
    const [hostname, options, callback] = args;
    if (!apiHosts.has(canonical(hostname))) return originalLookup.apply(this, args);
    const done = typeof options === 'function' ? options : callback;
    const all = typeof options === 'object' && options !== null && options.all === true;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return {};
  };
  const originalPromisesLookup = dns.promises.lookup;
  dns.promises.lookup = async function promisesLookupReachingLocalApi(hostname, options) {
    if (!apiHosts.has(canonical(hostname))) return originalPromisesLookup.call(this, hostname, options);
    const address = { address: '127.0.0.1', family: 4 };
    return typeof options === 'object' && options !== null && options.all === true ? [address] : address;
  };
  syncBuiltinESMExports();
}
