/**
 * One Ctrl-C reaches a process started by `npm start` more than once: the terminal sends SIGINT
 * to the whole foreground process group, and npm forwards it to its script again a few
 * milliseconds later. Signals this soon after the first are the same key press.
 */
export const samePressMs = 500;

export interface InterruptHandlers {
  /** The first press: stop gracefully. */
  readonly onFirst: (signal: NodeJS.Signals) => void;
  /** A second press, while the graceful stop is under way: exit at once. */
  readonly onSecond: (signal: NodeJS.Signals) => void;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * Ctrl-C (and SIGTERM) for a long-running command: the first press stops gracefully, a second
 * exits at once. The handlers stay installed until the returned function removes them: with
 * `process.once` a second signal found no listener, and Node (or tsx) ended the process
 * before the graceful stop could print anything.
 */
export function handleInterrupts(handlers: InterruptHandlers): () => void {
  const now = handlers.now ?? Date.now;
  let firstAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const at = now();
    if (firstAt === undefined) {
      firstAt = at;
      handlers.onFirst(signal);
    } else if (at - firstAt >= samePressMs) handlers.onSecond(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
