/** Visits every state of an ASL definition, including states nested in Parallel branches and Map processors. */

export type AslState = Record<string, unknown> & { Type?: unknown };
export interface AslStates {
  States?: Record<string, AslState>;
}

export interface VisitedState {
  name: string;
  state: AslState;
}

function nestedMachines(state: AslState): AslStates[] {
  const nested: unknown[] = [];
  if (state.Type === 'Parallel' && Array.isArray(state['Branches'])) nested.push(...state['Branches']);
  if (state.Type === 'Map') nested.push(state['ItemProcessor'], state['Iterator']);
  return nested.filter((machine): machine is AslStates => machine !== null && typeof machine === 'object');
}

/** Every state, depth first. State names are unique across a whole machine, so a name identifies a state. */
export function allStates(definition: AslStates): VisitedState[] {
  const found: VisitedState[] = [];
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    found.push({ name, state });
    for (const machine of nestedMachines(state)) found.push(...allStates(machine));
  }
  return found;
}
