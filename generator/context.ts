import type { CfnTemplate } from '../cfn/types.ts';
import type { WsConfig } from './config/index.ts';
import type { PartialRenderer } from './render/partials.ts';

/** Paths the config loader resolved, so the generator itself never touches the disk. */
export interface ResolvedHandler {
  /** `CodeUri`, relative to the template's directory. @example 'handlers/' */
  codeUri: string;
  /** esbuild entry point inside `codeUri`. @example 'default.ts' */
  entryPoint: string;
  /** Lambda handler. @example 'default.handler' */
  handler: string;
}

export interface GeneratorContext {
  config: WsConfig;
  partials: PartialRenderer;
  /** Route key → base logical name (see naming.ts). */
  routeNames: Map<string, string>;
  /** Route key → resolved handler paths for Lambda routes. */
  handlers: Map<string, ResolvedHandler>;
}

/** One concern's contribution to the template; visitors run in order over one template object. */
export type Visitor = (template: CfnTemplate, context: GeneratorContext) => void;
