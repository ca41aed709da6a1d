/** API Gateway VTL mapping templates (request templates of WebSocket AWS integrations). */
export { createVtlEngine } from './engine.ts';
export { VtlError } from './errors.ts';
export { escapeJavaScript } from './escape-javascript.ts';
export { evaluateJsonPath, parseBody } from './json-path.ts';
export { selectRequestTemplate } from './template-selection.ts';
export { VTL_ENGINE_MODES } from './types.ts';
export type { VtlEngine, VtlEngineMode, VtlEngineOptions, VtlRequest } from './types.ts';
