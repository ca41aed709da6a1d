/**
 * The smoke suite: every verification step of the original sample's README, against whatever stack
 * the outputs describe (local or deployed). Registers node:test tests; it imports nothing from
 * generator/ or local/.
 */
import { after, describe } from 'node:test';
import { createSmokeContext } from './context.ts';
import type { StackOutputs } from './outputs.ts';
import type { SmokeSettings } from './settings.ts';
import { connectSteps } from './steps/connect.ts';
import { connectionsApiSteps } from './steps/connections-api.ts';
import { disconnectSteps } from './steps/disconnect.ts';
import { routeSteps } from './steps/routes.ts';

/** `getOutputs` is called inside tests, so a stack started in a `before` hook is ready by then. */
export function defineSmokeSuite(getOutputs: () => StackOutputs, settings: SmokeSettings): void {
  describe('smoke', () => {
    const context = createSmokeContext(getOutputs, settings);
    after(() => context.dispose());
    connectSteps(context);
    routeSteps(context);
    disconnectSteps(context);
    connectionsApiSteps(context);
  });
}
