import type { DiscardCondition } from './batch-runner.js';

/** What a trigger reports as it works; the pipeline's live view and tests listen to it. */
export type TriggerObservation =
  | {
      readonly type: 'invoked';
      readonly functionName: string;
      readonly records: number;
      readonly ok: boolean;
      readonly durationMs: number;
      readonly requestId: string;
      readonly error?: Error;
    }
  | { readonly type: 'filtered'; readonly functionName: string; readonly records: number }
  | {
      readonly type: 'discarded';
      readonly functionName: string;
      readonly records: number;
      readonly condition: DiscardCondition;
    }
  | { readonly type: 'poll-error'; readonly functionName: string; readonly error: Error };

export type TriggerObserver = (observation: TriggerObservation) => void;
