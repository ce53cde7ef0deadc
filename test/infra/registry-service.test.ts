import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { type SynthOptions, synthStack, templateFor } from './support/synth.js';

const base = { engine: 'eventline', minTasks: 2, maxTasks: 4 };
const privateDomain = {
  domainName: 'registry.eventline.example.com',
  zoneName: 'eventline.example.com',
  hostedZoneId: 'Z0123456789PRIVATE',
  certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b1c2d3e-aaaa-bbbb-cccc-0123456789ab',
};

describe('RegistryService HTTPS and basic auth', () => {
  it('refuses at synth to send basic auth over plain HTTP, saying how to fix it', () => {
    expect(() => templateFor({ overrides: { registry: base } })).toThrow(
      /basic-auth passwords over plain HTTP: set registry\.domain .* registry\.allowHttp: true/,
    );
  });

  it('serves HTTPS on a custom name in an existing private zone with a given certificate', () => {
    const template = templateFor({ overrides: { registry: { ...base, domain: privateDomain } } });

    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Port: 443,
      Certificates: [{ CertificateArn: privateDomain.certificateArn }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'registry.eventline.example.com.',
      Type: 'A',
      HostedZoneId: privateDomain.hostedZoneId,
      AliasTarget: Match.anyValue(),
    });
    expect(template.findOutputs('RegistryUrl').RegistryUrl?.Value).toBe(
      'https://registry.eventline.example.com',
    );
    template.resourceCountIs('AWS::Route53::HostedZone', 0);
  });

  it('creates the private zone for the VPC and a certificate validated in a public zone of the same domain', () => {
    const { hostedZoneId: _, certificateArn: __, ...name } = privateDomain;
    const domain = {
      ...name,
      publicValidationZone: { hostedZoneId: 'Z0123456789PUBLIC', zoneName: 'example.com' },
    };
    const template = templateFor({ overrides: { registry: { ...base, domain } } });

    template.hasResourceProperties('AWS::Route53::HostedZone', {
      Name: 'eventline.example.com.',
      VPCs: [Match.objectLike({ VPCId: Match.anyValue() })],
    });
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'registry.eventline.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [
        { DomainName: 'registry.eventline.example.com', HostedZoneId: 'Z0123456789PUBLIC' },
      ],
    });
  });

  it.each([
    [{ ...privateDomain, zoneName: 'other.example.org' }, /is not inside zone other\.example\.org/],
    [
      { ...privateDomain, publicValidationZone: { hostedZoneId: 'Z1', zoneName: 'example.com' } },
      /exactly one certificate source/,
    ],
    [{ ...privateDomain, certificateArn: undefined }, /exactly one certificate source/],
  ])('refuses a domain setting that cannot deploy (%#)', (domain, message) => {
    expect(() => synthStack({ overrides: { registry: { ...base, domain } } }).app.synth()).toThrow(message);
  });
});

describe('RegistryService task count and health', () => {
  it('leaves the task count to autoscaling (no DesiredCount to reset on deploy)', () => {
    const template = templateFor();
    const service = Object.values(template.findResources('AWS::ECS::Service'))[0];

    expect(service?.Properties).not.toHaveProperty('DesiredCount');
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2 });
  });

  it('health-checks the Confluent engine on / and takes its 401 as alive', () => {
    const template = templateFor({
      environment: 'prod',
      overrides: { registry: { engine: 'confluent', allowHttp: true } },
    });

    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/',
      Matcher: { HttpCode: '200,401' },
    });
  });
});

describe('RegistryService Confluent engine authentication', () => {
  it('turns on basic auth from the same Secrets Manager secret the functions read', () => {
    const template = templateFor({
      environment: 'prod',
      overrides: { registry: { engine: 'confluent', allowHttp: true } },
    });
    const container = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0]?.Properties
      .ContainerDefinitions[0];
    const secrets = container.Secrets as { Name: string; ValueFrom: unknown }[];
    const password = secrets.find((s) => s.Name === 'REGISTRY_PASSWORD');

    expect(container.Environment).toEqual(
      expect.arrayContaining([
        { Name: 'SCHEMA_REGISTRY_AUTHENTICATION_METHOD', Value: 'BASIC' },
        { Name: 'SCHEMA_REGISTRY_AUTHENTICATION_REALM', Value: 'SchemaRegistry-Props' },
      ]),
    );
    expect(JSON.stringify(password?.ValueFrom)).toContain('RegistryCredentials');
    expect(container.Command[0]).toContain('PropertyFileLoginModule');
  });
});

describe('GlueRegistry grants', () => {
  it('grants GetSchemaVersion on * in a policy of its own and keeps writes scoped to the registry', () => {
    const template = templateFor({ overrides: { registryKind: 'glue' } });
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    const statements = policies.flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const unscopedGlue = statements.filter(
      (s) => s.Resource === '*' && ([] as string[]).concat(s.Action).some((a) => a.startsWith('glue:')),
    );
    const glueActions = unscopedGlue.flatMap((s) => ([] as string[]).concat(s.Action));

    expect(glueActions).toContain('glue:GetSchemaVersion');
    expect(new Set(glueActions)).toEqual(
      new Set(['glue:GetSchemaVersion', 'glue:CheckSchemaVersionValidity']),
    );
    // Every policy holding an unscoped Glue read holds nothing else, so its cdk-nag
    // acknowledgement of "*" cannot cover a grant added to the role later.
    const holders = policies.filter((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).some(
        (s) => unscopedGlue.includes(s as (typeof unscopedGlue)[number]),
      ),
    );
    expect(holders.length).toBeGreaterThan(0);
    for (const holder of holders) {
      const held = holder.Properties.PolicyDocument.Statement as {
        Action: string | string[];
        Resource: unknown;
      }[];
      expect(held.every((s) => unscopedGlue.includes(s))).toBe(true);
    }
  });
});

describe('Registry alarms', () => {
  const alarms = () => Object.values(templateFor().findResources('AWS::CloudWatch::Alarm'));

  it('fills missing 5xx series with 0, so all tasks down (only the load balancer answering) alarms', () => {
    const fiveXx = alarms().find((a) => String(a.Properties.AlarmDescription).includes('5xx'));
    const expression = ((fiveXx?.Properties.Metrics ?? []) as { Expression?: string }[]).find(
      (m) => m.Expression,
    )?.Expression;

    expect(expression).toBe('FILL(target, 0) + FILL(elb, 0)');
  });

  it('alarms on unhealthy targets and on fewer running tasks than the minimum, missing data included', () => {
    const all = alarms();
    const unhealthy = all.find((a) => a.Properties.MetricName === 'UnHealthyHostCount');
    const running = all.find((a) => a.Properties.MetricName === 'RunningTaskCount');

    expect(unhealthy?.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    expect(running?.Properties).toMatchObject({
      Namespace: 'ECS/ContainerInsights',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 2,
      TreatMissingData: 'breaching',
    });
  });
});

describe('cdk-nag on the registry variants cdk.json does not ship', () => {
  const { hostedZoneId: _, certificateArn: __, ...name } = privateDomain;
  const variants: [string, SynthOptions][] = [
    ['HTTPS with a given certificate', { overrides: { registry: { ...base, domain: privateDomain } } }],
    [
      'HTTPS with a publicly validated certificate',
      {
        overrides: {
          registry: {
            ...base,
            domain: {
              ...name,
              publicValidationZone: { hostedZoneId: 'Z0123456789PUBLIC', zoneName: 'example.com' },
            },
          },
        },
      },
    ],
    ['Glue-direct functions', { overrides: { registryKind: 'glue' } }],
    [
      'the Confluent engine with basic auth',
      { environment: 'prod', overrides: { registry: { engine: 'confluent', allowHttp: true } } },
    ],
  ];

  it.each(variants)('leaves no unacknowledged finding with %s', (_variant, options) => {
    const { app, stack } = synthStack(options);
    app.synth();
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack
        .validateScope(stack)
        .violations.flatMap((violation) =>
          violation.violatingResources.map(
            (resource) => `${violation.ruleName} at ${resource.constructPath}`,
          ),
        ),
    );

    expect(findings).toEqual([]);
  });
});
