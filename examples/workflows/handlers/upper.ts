/**
 * `upper` of the workflows example, the shout workflow's Task (`"Resource": "${Function_upper}"`): the state's
 * input is the event, the result is the state's output.
 */
export async function handler(event: { text?: unknown }): Promise<{ text: string }> {
  if (typeof event.text !== 'string') throw new TypeError('data.text must be a string');
  return { text: event.text.toUpperCase() };
}
