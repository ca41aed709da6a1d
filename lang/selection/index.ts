export { compileSelectionExpression, type SelectionExpression } from './expression.ts';
