export { compileSelectionExpression, createSelectionExpressionCache, type SelectionExpression } from './expression.ts';
