// dynalite in its own worker thread, so its request handling (validation, the LevelDB store, JSON work)
// runs beside the gateway's event loop instead of on it. The thread serves dynalite's HTTP endpoint and
// answers in-process requests posted by dynalite-server.ts through the same request handler.
// Plain JavaScript on purpose: the worker starts without a TypeScript loader (execArgv is emptied).
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');

const server = dynalite({
  ...(workerData.storePath === undefined ? {} : { path: workerData.storePath }),
  // Table state changes are instant, so start-up does not wait 500 ms per table.
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});

// dynalite rethrows request stream errors (`req.on('error', err => { throw err })`), so a client hanging up
// mid-body would kill the thread with an uncaught ECONNRESET: each request's stream errors are handled here.
const handlers = server.listeners('request');
server.removeAllListeners('request');
const handle = (request, response) => {
  for (const handler of handlers) handler(request, response);
};
server.on('request', (request, response) => {
  handle(request, response);
  request.removeAllListeners('error');
  request.on('error', () => response.destroy());
});

/** What dynalite reads from a request: headers, method, url and the body events. */
class InProcessRequest extends EventEmitter {
  constructor(headers) {
    super();
    this.method = 'POST';
    this.url = '/';
    this.headers = headers;
  }
}

/** What dynalite writes to a response: status, headers (stored lower-case, like Node's), one `end(body)`. */
class InProcessResponse {
  constructor(finish) {
    this.statusCode = 200;
    this.contentType = undefined; // dynalite stores the negotiated content type here before sending
    this.headers = {};
    this.finish = finish;
  }

  setHeader(name, value) {
    this.headers[name.toLowerCase()] = String(value);
  }

  end(body) {
    this.headers['date'] ??= new Date().toUTCString();
    this.finish({
      statusCode: this.statusCode,
      headers: this.headers,
      body: body === undefined ? '' : body.toString(),
    });
  }
}

/** dynalite failing inside its handler: the DynamoDB-shaped 500 the HTTP front gives when it cannot reach it. */
function internalError(error) {
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: `local DynamoDB unavailable: ${error instanceof Error ? error.message : String(error)}`,
  });
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

function dispatch({ id, headers, body }) {
  const reply = (response) => parentPort.postMessage({ type: 'response', id, response });
  const request = new InProcessRequest(headers);
  try {
    handle(request, new InProcessResponse(reply));
    if (body.length > 0) request.emit('data', Buffer.from(body, 'utf8'));
    request.emit('end');
  } catch (error) {
    reply(internalError(error));
  }
}

parentPort.on('message', (message) => {
  if (message.type === 'request') dispatch(message);
  else if (message.type === 'close') {
    // dynalite's close() also waits for pending store operations, then closes LevelDB (flushing it to disk).
    server.closeAllConnections();
    server.close((error) => parentPort.postMessage({ type: 'closed', error: error ? error.message : undefined }));
  }
});

server.once('error', (error) => parentPort.postMessage({ type: 'failed', error: error.message }));
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'listening', port: server.address().port }));
