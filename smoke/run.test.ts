/**
 * Entry point of `npm run smoke`: scripts/smoke.ts resolves the stack outputs (a file or
 * CloudFormation) and hands them over in SMOKE_OUTPUTS, with optional SMOKE_SETTINGS overrides.
 */
import { parseStackOutputs } from './outputs.ts';
import { DEFAULT_SMOKE_SETTINGS, type SmokeSettings } from './settings.ts';
import { defineSmokeSuite } from './suite.ts';

const serialized = process.env['SMOKE_OUTPUTS'];
if (!serialized)
  throw new Error(
    'SMOKE_OUTPUTS is not set: run the suite with `npm run smoke -- --outputs FILE` or `-- --stack-name NAME`',
  );
const outputs = parseStackOutputs(JSON.parse(serialized), 'SMOKE_OUTPUTS');
const settings: SmokeSettings = {
  ...DEFAULT_SMOKE_SETTINGS,
  ...(JSON.parse(process.env['SMOKE_SETTINGS'] ?? '{}') as Partial<SmokeSettings>),
};
defineSmokeSuite(outputs, settings);
