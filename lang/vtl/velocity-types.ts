import type { Compile, parse } from 'velocityjs';

/**
 * velocityjs's AST and config types. Its package exports only the entry point, so the
 * types are derived from the exported functions instead of deep-imported.
 */
export type VelocityAst = ReturnType<typeof parse>[number];
export type ReferencesAst = Extract<VelocityAst, { type: 'references' }>;
export type MathAst = Extract<VelocityAst, { type: 'math' }>;
export type Attribute = NonNullable<ReferencesAst['path']>[number];
export type CompileConfig = NonNullable<ConstructorParameters<typeof Compile>[1]>;
