import { basename, dirname, join, resolve } from 'node:path';
import { projectRoot } from '../stack/paths.js';

/** How a function is triggered on the laptop, like its event source mapping in `infra/`. */
export type FunctionTrigger =
  | { readonly kind: 'ddb-stream'; readonly table: 'outbox' }
  | { readonly kind: 'kafka'; readonly topics: readonly string[] };

export interface LocalFunction {
  readonly name: string;
  /** Folder under functions/ holding handler.ts. */
  readonly folder: string;
  readonly trigger: FunctionTrigger;
}

/** The relay and the example consumers that `npm start` runs behind local triggers. */
export const pipelineFunctions: readonly LocalFunction[] = [
  { name: 'outbox-relay', folder: 'outbox-relay', trigger: { kind: 'ddb-stream', table: 'outbox' } },
  {
    name: 'order-projection',
    folder: 'order-projection',
    trigger: {
      kind: 'kafka',
      topics: ['orders.order.placed', 'orders.order.paid', 'orders.order.cancelled'],
    },
  },
  { name: 'fulfilment', folder: 'fulfilment', trigger: { kind: 'kafka', topics: ['orders.order.paid'] } },
];

/** The handler module of a function name, or of a path given as such. */
export function handlerModule(nameOrPath: string): string {
  if (nameOrPath.endsWith('.ts') || nameOrPath.endsWith('.js')) return resolve(nameOrPath);
  return join(projectRoot, 'functions', nameOrPath, 'handler.ts');
}

/** The function name of a handler: its folder name. */
export function functionNameOf(nameOrPath: string): string {
  return nameOrPath.endsWith('.ts') || nameOrPath.endsWith('.js')
    ? basename(dirname(resolve(nameOrPath)))
    : nameOrPath;
}
