/** The state walker is shared with the generator's workflow analysis: it lives in lang/asl. */
export { allStates, type AslState, type AslStates, type VisitedState } from '../../lang/asl/states.ts';
