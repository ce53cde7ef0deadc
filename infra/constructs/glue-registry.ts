import { Arn, ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnRegistry } from 'aws-cdk-lib/aws-glue';
import { type IGrantable, type IRole, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { EnvNames } from '../../functions/lib/config/env-names.js';
import { acknowledge, nagFindingId } from '../nag.js';
import type { EventlineFunction } from './eventline-function.js';
import type { RegistryBinding } from './registry-binding.js';

export interface GlueRegistryProps {
  /** One Glue registry per deployment. */
  readonly registryName: string;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

const readActions = [
  'glue:GetRegistry',
  'glue:GetSchema',
  'glue:GetSchemaByDefinition',
  'glue:ListSchemaVersions',
  'glue:ListSchemas',
  'glue:QuerySchemaVersionMetadata',
];

const writeActions = [
  'glue:CreateSchema',
  'glue:UpdateSchema',
  'glue:DeleteSchema',
  'glue:RegisterSchemaVersion',
  'glue:DeleteSchemaVersions',
  'glue:GetSchemaVersionsDiff',
  'glue:PutSchemaVersionMetadata',
  'glue:RemoveSchemaVersionMetadata',
];

/** The deployment's AWS Glue Schema Registry, with grants scoped to it and its schemas. */
export class GlueRegistry extends Construct implements RegistryBinding {
  readonly registryName: string;
  readonly registryArn: string;

  constructor(scope: Construct, id: string, props: GlueRegistryProps) {
    super(scope, id);
    const registry = new CfnRegistry(this, 'Registry', {
      name: props.registryName,
      description: 'Eventline event schemas (one registry per deployment; schema name = subject)',
    });
    registry.applyRemovalPolicy(props.removalPolicy ?? RemovalPolicy.RETAIN);
    this.registryName = props.registryName;
    this.registryArn = registry.attrArn;
  }

  /** ARN covering every schema of this registry. */
  get schemasArn(): string {
    return Arn.format(
      {
        service: 'glue',
        resource: 'schema',
        resourceName: `${this.registryName}/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      Stack.of(this),
    );
  }

  grantRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: readActions, resources: [this.registryArn, this.schemasArn] }),
    );
    // A schema version is fetched by its id alone (the Glue wire format carries nothing else), and
    // IAM then has no registry or schema ARN to match: Glue's SerDe documentation and
    // awslabs/aws-glue-schema-registry issues #68 and #151 say GetSchemaVersion needs "*".
    this.grantUnscoped(grantee, 'glue:GetSchemaVersion');
    this.acknowledgeSchemasWildcard(grantee);
  }

  /**
   * Actions Glue authorizes against no resource, in a policy of their own so that the cdk-nag
   * acknowledgement of its "*" covers these statements and nothing added to the role later.
   */
  private grantUnscoped(grantee: IGrantable, action: string): void {
    const role = grantee.grantPrincipal as IRole;
    const existing = role.node.tryFindChild('GlueUnscoped') as Policy | undefined;
    const policy = existing ?? new Policy(role, 'GlueUnscoped');
    policy.addStatements(new PolicyStatement({ actions: [action], resources: ['*'] }));
    if (existing) return;
    policy.attachToRole(role);
    acknowledge(policy, {
      'AwsSolutions-IAM5[Resource::*]':
        'Only glue:GetSchemaVersion (by schema version id) and glue:CheckSchemaVersionValidity, which Glue authorizes against no resource',
    });
  }

  private acknowledgeSchemasWildcard(grantee: IGrantable): void {
    const policy = (grantee.grantPrincipal as unknown as IConstruct).node?.tryFindChild('DefaultPolicy');
    const target = policy ?? (grantee as unknown as IConstruct);
    acknowledge(target, {
      [nagFindingId('AwsSolutions-IAM5', 'Resource', this.schemasArn, this)]:
        "Schemas are created per subject at run time; the wildcard stays inside this deployment's Glue registry",
    });
  }

  grantReadWrite(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...readActions, ...writeActions],
        resources: [this.registryArn, this.schemasArn],
      }),
    );
    // Glue evaluates CheckSchemaVersionValidity against no resource: it only parses a definition.
    this.grantUnscoped(grantee, 'glue:CheckSchemaVersionValidity');
    this.grantUnscoped(grantee, 'glue:GetSchemaVersion');
    this.acknowledgeSchemasWildcard(grantee);
  }

  /** Functions talk to Glue directly (Glue wire format). */
  bind(fn: EventlineFunction): void {
    fn.bindEnv(EnvNames.registryKind, 'glue').bindEnv(EnvNames.glueRegistryName, this.registryName);
    this.grantRead(fn);
  }
}
