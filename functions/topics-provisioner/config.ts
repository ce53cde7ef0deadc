/** What the topics provisioner reads from its environment, parsed once at cold start. */
export interface TopicsProvisionerConfig {
  /** Region the MSK IAM token is signed for (set by the Lambda runtime). */
  readonly region: string;
}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Readonly<TopicsProvisionerConfig> {
  const region = env.AWS_REGION;
  if (!region) throw new Error('AWS_REGION is not set (the Lambda runtime sets it)');
  return Object.freeze({ region });
}
