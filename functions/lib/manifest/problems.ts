import type { ErrorObject } from 'ajv';

/** What to write for each governance field a topic must name, so the message says how to fix it. */
const requiredTopicFields: Readonly<Record<string, string>> = {
  owner:
    'add "owner": "@org/team", the team that owns its schemas (CODEOWNERS is generated from it by `eventline schemas codeowners`)',
  classification:
    'add "classification": one of "public", "internal", "confidential", "restricted" (how sensitive its records are)',
  retentionDays:
    'add "retentionDays": how many days the topic keeps records (it becomes retention.ms in every environment)',
};

/** One line per schema violation; a topic missing a governance field is named and told what to add. */
export function describeProblem(raw: unknown, error: ErrorObject): string {
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : undefined;
  const topicIndex = /^\/topics\/(\d+)$/.exec(error.instancePath)?.[1];
  const fix = missing ? requiredTopicFields[missing] : undefined;
  if (topicIndex !== undefined && missing && fix) {
    const topics = (raw as { topics?: { name?: unknown }[] }).topics;
    const name = topics?.[Number(topicIndex)]?.name;
    return `topic ${typeof name === 'string' ? `"${name}"` : `#${topicIndex}`} has no ${missing}: ${fix}`;
  }
  if (error.instancePath === '' && missing === 'governance') {
    return 'the manifest has no "governance": add { "privacyTeam": "@org/privacy-team" } (the team that also reviews schemas with PII fields)';
  }
  return `${error.instancePath || '/'} ${error.message}`;
}
