#!/usr/bin/env node
// The package's command (`npx apigw-ws-integrations local --template template.yaml`). The package is TypeScript,
// run by tsx (a dependency): its loader is registered here, so a machine with only Node.js runs it as installed.
import { register } from 'tsx/esm/api';

register();
await import('../scripts/local.ts');
