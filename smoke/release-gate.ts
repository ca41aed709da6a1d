/**
 * The release gate after the smoke suite: the stack's alarms (output ReleaseGateAlarms, written by the generator
 * when the config has `alarms`) must not be in ALARM, now and for a watch window after the smoke traffic, so an
 * error rate, a latency near the 29 s limit or a failing state machine that the smoke steps provoked stops promotion
 * before the next environment. INSUFFICIENT_DATA passes: a new stack has no data yet, and its alarms treat
 * missing data as not breaching.
 */
import { CloudWatchClient, DescribeAlarmsCommand, type CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { RELEASE_GATE_OUTPUT } from '../shared/smoke-routes.ts';
import { describeStackRecord, type DescribeStackOptions } from './cloudformation.ts';

export interface AlarmState {
  name: string;
  state: string;
  reason: string;
  since: string | undefined;
}

export interface GateVerdict {
  blocked: AlarmState[];
  /** Named by the stack but not found by DescribeAlarms: deleted by hand, or another region's credentials. */
  missing: string[];
  counts: Record<string, number>;
}

export function judgeAlarms(expected: readonly string[], states: readonly AlarmState[]): GateVerdict {
  const byName = new Map(states.map((state) => [state.name, state]));
  const counts: Record<string, number> = {};
  for (const state of states) counts[state.state] = (counts[state.state] ?? 0) + 1;
  return {
    blocked: states.filter((state) => state.state === 'ALARM'),
    missing: expected.filter((name) => !byName.has(name)),
    counts,
  };
}

export interface ReleaseGateOptions extends DescribeStackOptions {
  /** Keep checking this long after the first look (the smoke traffic's metrics land one period later). */
  watchSeconds: number;
  intervalSeconds: number;
  cloudWatch?: CloudWatchClientConfig;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** DescribeAlarms takes at most 100 names a call. */
const NAMES_PER_CALL = 100;

async function describeAlarms(client: CloudWatchClient, names: readonly string[]): Promise<AlarmState[]> {
  const states: AlarmState[] = [];
  for (let start = 0; start < names.length; start += NAMES_PER_CALL) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeAlarmsCommand({
          AlarmNames: names.slice(start, start + NAMES_PER_CALL),
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          ...(nextToken === undefined ? {} : { NextToken: nextToken }),
        }),
      );
      for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
        states.push({
          name: alarm.AlarmName ?? '',
          state: alarm.StateValue ?? 'UNKNOWN',
          reason: alarm.StateReason ?? '',
          since: alarm.StateUpdatedTimestamp?.toISOString(),
        });
      }
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
  }
  return states;
}

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, count]) => `${count} ${state}`)
    .join(', ');

/** 0: promote; 1: an alarm fired or one the stack names is gone (each printed with its reason). */
export async function runReleaseGate(options: ReleaseGateOptions): Promise<number> {
  const { log } = options;
  const outputs = await describeStackRecord(options, 'a release gate');
  const listed = outputs[RELEASE_GATE_OUTPUT];
  if (listed === undefined || listed === '') {
    log(
      `release gate: stack ${options.stackName} has no ${RELEASE_GATE_OUTPUT} output (no alarms in its config): the smoke suite is the whole gate`,
    );
    return 0;
  }
  const names = listed.split(',');
  // A hand-edited or foreign output: say what is wrong with it rather than let DescribeAlarms refuse an empty name.
  if (names.some((name) => name.trim() === '' || name !== name.trim()))
    throw new Error(
      `stack ${options.stackName}: output ${RELEASE_GATE_OUTPUT} must be alarm names separated by commas, none empty or padded (got ${JSON.stringify(listed)})`,
    );
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.watchSeconds * 1000;
  const client = new CloudWatchClient({
    ...(options.region ? { region: options.region } : {}),
    ...options.cloudWatch,
  });
  try {
    for (;;) {
      const verdict = judgeAlarms(names, await describeAlarms(client, names));
      for (const name of verdict.missing) log(`release gate: alarm ${name} named by the stack was not found`);
      for (const alarm of verdict.blocked)
        log(`release gate: ALARM ${alarm.name} (since ${alarm.since ?? 'unknown'}): ${alarm.reason}`);
      if (verdict.blocked.length > 0 || verdict.missing.length > 0) {
        log(`release gate: closed: ${summary(verdict.counts)} of ${names.length} alarms`);
        return 1;
      }
      const left = deadline - now();
      if (left <= 0) {
        log(`release gate: open: ${summary(verdict.counts)} of ${names.length} alarms`);
        return 0;
      }
      log(`release gate: ${summary(verdict.counts)}; watching ${Math.ceil(left / 1000)} s more`);
      await sleep(Math.min(left, options.intervalSeconds * 1000));
    }
  } finally {
    client.destroy();
  }
}
