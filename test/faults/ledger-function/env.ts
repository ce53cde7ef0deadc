/**
 * The variables the fault suite's ledger consumer reads besides the template's: the run's ledger
 * table and the faults the handler itself plays. Only this test function reads them; no shipped
 * handler does, so none of them can change what deploys.
 */
export const FaultsEnv = {
  /** The run's ledger table, where each application of the side effect is counted. */
  ledgerTable: 'FAULTS_LEDGER_TABLE',
  /** Share of events whose first handler run outlasts the invocation (0 to 1). @default 0 */
  slowRate: 'FAULTS_SLOW_RATE',
  /** How long such a first run sleeps: longer than the trigger's timeout. @default 0 */
  slowMs: 'FAULTS_SLOW_MS',
  /** `true`: the deliberately broken consumer, without the idempotency store. */
  withoutIdempotency: 'FAULTS_WITHOUT_IDEMPOTENCY',
} as const;
