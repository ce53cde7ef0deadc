/** How to run one server of the local stack. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Record<string, string>;
  readonly cwd?: string;
}

export interface ServiceDefinition {
  readonly name: string;
  readonly description: string;
  readonly port: number;
  /** Other ports the server binds, checked for being free before start. */
  readonly extraPorts?: readonly number[];
  /** Longest time a healthy start takes on a 2-core machine, with margin. */
  readonly startTimeoutMs: number;
  /** Downloads or installs what the server needs (cached) and says how to start it. */
  prepare(): Promise<LaunchSpec>;
  /** True only when the server answers a request that only a ready server can answer. */
  probe(): Promise<boolean>;
  /** One-time setup once ready (e.g. a default configuration). */
  configure?(): Promise<void>;
}
