/**
 * The tables and queues a config declares (`tables`, `queues`), as a handler finds them: `access: { tables: { messages: ['read'] } }`
 * makes the generator set `MESSAGES_TABLE` to the table's name (and allow exactly those calls). One naming rule,
 * shared with the generator (generator/config/tables.ts), so the variable a handler reads is the one it sets.
 */

/** `chatHistory` → `CHAT_HISTORY`: a declared name's part of the variables that carry it. */
export const upperSnake = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();

/** The variable carrying a declared table's name: `messages` → `MESSAGES_TABLE`, beside `SESSIONS_TABLE`. */
export const tableVariable = (name: string): string => `${upperSnake(name)}_TABLE`;

/** A variable the generator sets for a grant; throws, naming the grant to add, when the function has none. */
function granted(
  variable: string,
  kind: 'table' | 'queue',
  grant: string,
  environment: Record<string, string | undefined>,
): string {
  const value = environment[variable];
  if (value === undefined || value === '')
    throw new Error(
      `${variable} is not set: grant the function access to the ${kind} in ws.config.ts (${grant}) and deploy the generated template`,
    );
  return value;
}

/** The deployed name of the declared table `name`; throws, naming the grant to add, when the function has none. */
export function declaredTableName(name: string, environment: Record<string, string | undefined> = process.env): string {
  return granted(tableVariable(name), 'table', `access: { tables: { ${name}: ['read'] } }`, environment);
}

/** The variable carrying a declared queue's URL: `notifications` → `NOTIFICATIONS_QUEUE_URL`. */
export const queueVariable = (name: string): string => `${upperSnake(name)}_QUEUE_URL`;

/** The URL of the declared queue `name`; throws, naming the grant to add, when the function has none. */
export function declaredQueueUrl(name: string, environment: Record<string, string | undefined> = process.env): string {
  return granted(queueVariable(name), 'queue', `access: { queues: { ${name}: ['send'] } }`, environment);
}
