/** Watch mode for the local stack: function code rebuilt in place, the stack restarted on a new template. */
export { watchStack, type StackWatchOptions, type TemplateBuild, type WatchedStack } from './stack-watch.ts';
export { functionsUsing } from './function-watch.ts';
export { moduleInputs } from './module-inputs.ts';
export { readTemplateBuild } from './template-file.ts';
