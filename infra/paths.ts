import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: entries, the lock file and schemas/ are resolved from here, never from the cwd. */
export const projectRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Absolute path of a file or folder given relative to the repository root. */
export function fromRoot(...segments: string[]): string {
  return join(projectRoot, ...segments);
}

/** Handler entry points wired by the app (each exports `handler`). */
export const HandlerEntries = {
  outboxRelay: 'functions/outbox-relay/handler.ts',
  orderProjection: 'functions/order-projection/handler.ts',
  fulfilment: 'functions/fulfilment/handler.ts',
  topicsProvisioner: 'functions/topics-provisioner/handler.ts',
} as const;
