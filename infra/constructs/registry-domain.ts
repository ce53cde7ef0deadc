import { Token } from 'aws-cdk-lib';
import { Certificate, CertificateValidation, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { HostedZone, type IHostedZone, PrivateHostedZone } from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';

/**
 * A name of your own for the registry's internal load balancer, served over HTTPS. ACM
 * cannot issue a certificate for the load balancer's `*.elb.amazonaws.com` name, and its
 * DNS validation cannot read a private hosted zone, so the certificate comes either from
 * outside (AWS Private CA or imported: `certificateArn`) or from a public zone of the same
 * domain that ACM validates against (`publicValidationZone`, split-horizon DNS).
 */
export interface RegistryDomain {
  /** The name clients use, e.g. `registry.eventline.example.com`; inside `zoneName`. */
  readonly domainName: string;
  /** The private hosted zone that gets the alias record, e.g. `eventline.example.com`. */
  readonly zoneName: string;
  /** An existing private zone associated with the VPC. @default - a private zone `zoneName` is created for the VPC */
  readonly hostedZoneId?: string;
  /** ACM certificate for `domainName`, issued by AWS Private CA or imported. @default - none: set `publicValidationZone` */
  readonly certificateArn?: string;
  /** A public hosted zone of the same domain for ACM's DNS validation record. @default - none: set `certificateArn` */
  readonly publicValidationZone?: { readonly hostedZoneId: string; readonly zoneName: string };
}

/** What the load-balanced service needs to serve HTTPS on the custom name. */
export interface RegistryHttps {
  readonly domainName: string;
  readonly domainZone: IHostedZone;
  readonly certificate: ICertificate;
}

const within = (name: string, zone: string): boolean =>
  Token.isUnresolved(name) || Token.isUnresolved(zone) || name === zone || name.endsWith(`.${zone}`);

/** What keeps a domain setting from deploying, each with its fix; empty when it can deploy. */
export function domainProblems(domain: RegistryDomain): string[] {
  const problems: string[] = [];
  if (!within(domain.domainName, domain.zoneName)) {
    problems.push(
      `registry domain ${domain.domainName} is not inside zone ${domain.zoneName}: choose a zoneName that is a suffix of domainName`,
    );
  }
  const sources = [domain.certificateArn, domain.publicValidationZone].filter((s) => s !== undefined);
  if (sources.length !== 1) {
    problems.push(
      'registry domain needs exactly one certificate source: certificateArn (AWS Private CA or imported, for a private name) or publicValidationZone (a public zone of the same domain, which ACM validates against)',
    );
  }
  const validation = domain.publicValidationZone;
  if (validation && !within(domain.domainName, validation.zoneName)) {
    problems.push(
      `registry domain ${domain.domainName} is not inside the public validation zone ${validation.zoneName}: ACM can only validate names of that zone`,
    );
  }
  return problems;
}

/** The private zone, the certificate and the name for the registry's HTTPS listener. */
export function registryHttps(scope: Construct, vpc: IVpc, domain: RegistryDomain): RegistryHttps {
  const domainZone = domain.hostedZoneId
    ? HostedZone.fromHostedZoneAttributes(scope, 'Zone', {
        hostedZoneId: domain.hostedZoneId,
        zoneName: domain.zoneName,
      })
    : new PrivateHostedZone(scope, 'Zone', { zoneName: domain.zoneName, vpc });
  const certificate = domain.certificateArn
    ? Certificate.fromCertificateArn(scope, 'Certificate', domain.certificateArn)
    : new Certificate(scope, 'Certificate', {
        domainName: domain.domainName,
        validation: CertificateValidation.fromDns(
          HostedZone.fromHostedZoneAttributes(scope, 'ValidationZone', {
            hostedZoneId: domain.publicValidationZone?.hostedZoneId ?? '',
            zoneName: domain.publicValidationZone?.zoneName ?? '',
          }),
        ),
      });
  return { domainName: domain.domainName, domainZone, certificate };
}
