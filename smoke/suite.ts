/**
 * The smoke suite: every verification step of the original sample's README, against whatever stack
 * the outputs describe (local or deployed). Registers node:test tests; it imports nothing from
 * generator/ or local/.
 */
import { after, describe } from 'node:test';
import { createSmokeContext } from './context.ts';
import { missingSmokePlan, type StackOutputs } from './outputs.ts';
import type { SmokeSettings } from './settings.ts';
import { connectSteps } from './steps/connect.ts';
import { connectionsApiSteps } from './steps/connections-api.ts';
import { disconnectSteps } from './steps/disconnect.ts';
import { routeSteps } from './steps/routes.ts';
import { authorizationSteps } from './steps/authorization.ts';
import { identitySteps, sendToIdentitySteps } from './steps/identity.ts';
import { subprotocolSteps } from './steps/subprotocols.ts';
import { edgeOnlySteps, originSteps } from './steps/edge-only.ts';
import { declaresConnectFeatures, missingSettings } from './features.ts';

/**
 * The outputs decide which steps exist: the sample's steps for an anonymous stack, and one group
 * per connect feature the stack declares. Missing settings for a declared feature are an error,
 * never a skipped step.
 */
export function defineSmokeSuite(outputs: StackOutputs, settings: SmokeSettings): void {
  const unplanned = missingSmokePlan(outputs);
  if (unplanned.length > 0) throw new Error(`stack outputs:\n  ${unplanned.join('\n  ')}`);
  const missing = missingSettings(outputs, settings);
  if (missing.length > 0) throw new Error(`smoke settings:\n  ${missing.join('\n  ')}`);
  describe('smoke', () => {
    const context = createSmokeContext(() => outputs, settings);
    after(() => context.dispose());
    if (!declaresConnectFeatures(outputs)) {
      connectSteps(context);
      routeSteps(context, outputs.SmokeRoutes ?? []);
      disconnectSteps(context);
      connectionsApiSteps(context);
    }
    if (outputs.Subprotocols) subprotocolSteps(context, outputs.Subprotocols);
    if (outputs.Authorization === 'REQUEST') authorizationSteps(context);
    if (outputs.IdentityPathPattern) identitySteps(context);
    if (outputs.SendToIdentityRoute) sendToIdentitySteps(context, outputs.SendToIdentityRoute);
    if (outputs.DirectAccess === 'refused') edgeOnlySteps(context);
    if (outputs.AllowedOrigins) originSteps(context, outputs.AllowedOrigins);
  });
}
