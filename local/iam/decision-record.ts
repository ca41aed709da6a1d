import type { IamDecision, IamRequest, LocalRole } from './types.ts';

/**
 * One IAM decision of a local run, as the stack writes it (one JSON object per line) and `npm run iam` reads it
 * back: who asked, for what, and which statement decided. Roles are named by logical ID, so a run's record still
 * matches the template when the stack name, account or region differ.
 */
export interface DecisionRecord {
  /** The role's logical ID, or undefined for a service principal asking a function's resource policy. */
  role: string | undefined;
  principal: string;
  action: string;
  resource: string;
  allowed: boolean;
  /** The statement that allowed it (or the Deny that matched): policy name and index in its `Statement` list. */
  policy?: string;
  statement?: number;
}

export function decisionRecord(
  request: IamRequest,
  role: LocalRole | undefined,
  decision: IamDecision,
): DecisionRecord {
  const statement = decision.statement;
  return {
    role: role?.logicalId,
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    allowed: decision.allowed,
    ...(statement ? { policy: statement.policy, statement: statement.index } : {}),
  };
}

/** The records in a decisions file; a line that is not one is named (by its number) and skipped. */
export function parseDecisionRecords(text: string): { records: DecisionRecord[]; badLines: number[] } {
  const records: DecisionRecord[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const record = asRecord(parseJson(line));
    if (record === undefined) badLines.push(index + 1);
    else records.push(record);
  });
  return { records, badLines };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): DecisionRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const text = (key: string) => typeof v[key] === 'string';
  if (!text('principal') || !text('action') || !text('resource') || typeof v['allowed'] !== 'boolean') return undefined;
  if (v['role'] !== undefined && !text('role')) return undefined;
  const hasStatement = text('policy') && Number.isInteger(v['statement']) && (v['statement'] as number) >= 0;
  return {
    role: v['role'] as string | undefined,
    principal: v['principal'] as string,
    action: v['action'] as string,
    resource: v['resource'] as string,
    allowed: v['allowed'] as boolean,
    ...(hasStatement ? { policy: v['policy'] as string, statement: v['statement'] as number } : {}),
  };
}
