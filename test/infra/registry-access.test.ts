import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { loadManifest } from '../../functions/lib/manifest/index.js';
import { cdkJsonEnvironments, synthStack, templateFor } from './support/synth.js';

// biome-ignore lint/suspicious/noExplicitAny: template fragments are arbitrary CloudFormation JSON
type Json = any;

/** Logical id of the principal secret whose template names this role and user. */
function principalSecret(template: ReturnType<typeof templateFor>, username: string): [string, Json] {
  const found = Object.entries(template.findResources('AWS::SecretsManager::Secret')).find(
    ([, secret]) =>
      JSON.parse(secret.Properties.GenerateSecretString?.SecretStringTemplate ?? '{}').username === username,
  );
  if (!found) throw new Error(`no principal secret for ${username}`);
  return [found[0], JSON.parse(found[1].Properties.GenerateSecretString.SecretStringTemplate)];
}

function functionNamed(template: ReturnType<typeof templateFor>, fragment: string): [string, Json] {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
    id.includes(fragment),
  );
  if (!found) throw new Error(`no function ${fragment}`);
  return found;
}

/** Secrets a role's policies allow GetSecretValue on, as logical ids. */
function readableSecrets(template: ReturnType<typeof templateFor>, roleArn: Json): string[] {
  const roleRef = JSON.stringify({ Ref: roleArn['Fn::GetAtt'][0] });
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: Json) => JSON.stringify(policy.Properties.Roles).includes(roleRef))
    .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: Json) => JSON.stringify(statement.Action).includes('secretsmanager:GetSecretValue'))
    .map((statement: Json) => statement.Resource?.Ref)
    .filter((ref: unknown): ref is string => typeof ref === 'string');
}

describe('Registry service principals and audit log (eventline engine)', () => {
  const template = templateFor();

  it('keeps one generated secret per principal: reader, writer and CI limited to the manifest topics, admin', () => {
    const topics = loadManifest().topics.map((topic) => `${topic.name}-`);
    expect(principalSecret(template, 'consumers')[1]).toEqual({
      username: 'consumers',
      role: 'reader',
      subjectPrefixes: [],
    });
    expect(principalSecret(template, 'relay')[1]).toEqual({
      username: 'relay',
      role: 'writer',
      subjectPrefixes: topics,
    });
    expect(principalSecret(template, 'ci')[1]).toMatchObject({ role: 'writer', subjectPrefixes: topics });
    expect(principalSecret(template, 'eventline')[1]).toMatchObject({ role: 'admin' });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password', ExcludePunctuation: true }),
    });
  });

  it('gives the service every principal secret and its audit log group, and lets it write there', () => {
    const container = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0]?.Properties
      .ContainerDefinitions[0];
    const env = Object.fromEntries(
      (container.Environment as { Name: string; Value: unknown }[]).map((e) => [e.Name, e.Value]),
    );
    const arns = JSON.stringify(env[EnvNames.registryPrincipalSecretArns]);
    for (const user of ['consumers', 'relay', 'ci', 'eventline']) {
      expect(arns).toContain(principalSecret(template, user)[0]);
    }
    const [auditId, audit] = Object.entries(template.findResources('AWS::Logs::LogGroup')).find(([id]) =>
      id.includes('AuditLogs'),
    ) as [string, Json];
    expect(audit.Properties.RetentionInDays).toBe(365);
    expect(env[EnvNames.registryAuditLogGroup]).toEqual({ Ref: auditId });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['logs:CreateLogStream', 'logs:PutLogEvents']),
            Resource: { 'Fn::GetAtt': [auditId, 'Arn'] },
          }),
        ]),
      },
    });
  });

  it('passes each function its own principal and lets it read that secret only', () => {
    const [writerId] = principalSecret(template, 'relay');
    const [readerId] = principalSecret(template, 'consumers');
    const [, relay] = functionNamed(template, 'OutboxRelay');
    const [, projection] = functionNamed(template, 'OrderProjection');
    const secretOf = (fn: Json) => fn.Properties.Environment.Variables[EnvNames.registryCredentialsSecretArn];

    expect(secretOf(relay)).toEqual({ Ref: writerId });
    expect(readableSecrets(template, relay.Properties.Role)).toEqual([writerId]);
    expect(secretOf(projection)).toEqual({ Ref: readerId });
    expect(readableSecrets(template, projection.Properties.Role)).toEqual([readerId]);
  });

  it('keeps the audit trail as long as the environment says', () => {
    const registry = { ...(cdkJsonEnvironments().dev?.registry as object), auditRetentionDays: 90 };
    const short = templateFor({ overrides: { registry } });
    const [, audit] = Object.entries(short.findResources('AWS::Logs::LogGroup')).find(([id]) =>
      id.includes('AuditLogs'),
    ) as [string, Json];
    expect(audit.Properties.RetentionInDays).toBe(90);
  });

  it('leaves no unacknowledged cdk-nag finding on the principals and the audit log', () => {
    const { app, stack } = synthStack();
    app.synth();
    const findings = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.flatMap((violation) =>
        violation.violatingResources
          .filter((r) => /Registry\/(Principals|AuditLogs|Credentials|Task)/.test(r.constructPath ?? ''))
          .map((r) => `${violation.ruleName} at ${r.constructPath}`),
      );
    expect(findings).toEqual([]);
  });
});
