import { stackDown, stackUp } from '../../local/stack/stack.js';

/** Starts whatever part of the local stack is not already up, and stops only that afterwards. */
export default async function setup(): Promise<() => Promise<void>> {
  const { started } = await stackUp(undefined, (service, message) => {
    if (message !== 'already running') process.stderr.write(`[stack] ${service}: ${message}\n`);
  });
  return async () => {
    if (started.length > 0) await stackDown(started);
  };
}
