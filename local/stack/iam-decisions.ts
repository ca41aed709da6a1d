import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { decisionRecord, type IamDecision, type IamRequest, type LocalRole } from '../iam/index.ts';
import type { LocalLog } from '../shared/log.ts';

/**
 * Where the stack reports each IAM decision: every allowed one as a debug line (`--verbose` shows what each role used;
 * denials are already warnings), and, with `file`, every decision as one JSON line, the run's record that
 * `npm run iam -- --log` reads back. The file starts empty with each run. Writes are synchronous: a decision is made
 * once per distinct request (later ones come from the cache), and a record must survive the process being killed.
 */
export function createDecisionRecorder(log: LocalLog, file: string | undefined) {
  if (file !== undefined) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  }
  return (request: IamRequest, role: LocalRole | undefined, decision: IamDecision): void => {
    const record = decisionRecord(request, role, decision);
    if (decision.allowed) {
      const who = role ? `role ${role.logicalId}` : `principal ${request.principal}`;
      const by = record.policy === undefined ? '' : ` (${record.policy} Statement[${record.statement}])`;
      log(`allowed: ${who} may ${request.action} on ${request.resource}${by}`, 'debug');
    }
    if (file !== undefined) appendFileSync(file, `${JSON.stringify(record)}\n`);
  };
}
