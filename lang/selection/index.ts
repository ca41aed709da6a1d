export { compileSelectionExpression, printSelected, type SelectionExpression } from './expression.ts';
