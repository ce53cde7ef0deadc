import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { createKafka } from '../lib/kafka/index.js';
import { ensureAcls } from './acls.js';
import { parseConfig } from './config.js';
import { parseTopicsProperties } from './properties.js';
import { provisionTopics } from './provision.js';

const config = parseConfig();

/**
 * Topics as code: the onEvent handler of a CDK Provider. Create and Update bring the
 * cluster's topics to the manifest: a topic that left it is deleted (while empty) only when
 * the manifest lists it in retiredTopics, and refused otherwise. Delete keeps them (the records are the point; the
 * cluster's own deletion removes them with it). Create and Update also
 * make sure the ACLs of SASL/SCRAM users exist (IAM clients are authorized by IAM instead).
 */
export const handler = async (event: CdkCustomResourceEvent): Promise<CdkCustomResourceResponse> => {
  const physicalResourceId =
    'PhysicalResourceId' in event ? event.PhysicalResourceId : `eventline-topics-${event.RequestId}`;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: physicalResourceId };
  const properties = parseTopicsProperties(event.ResourceProperties);
  const wanted = new Set(properties.topics.map((topic) => topic.name));
  const previous =
    event.RequestType === 'Update'
      ? parseTopicsProperties(event.OldResourceProperties).topics.map((t) => t.name)
      : [];
  const retired = new Set(properties.retiredTopics);
  const orphaned = previous.filter((name) => !wanted.has(name) && !retired.has(name));
  const kafka = await createKafka({
    clientId: 'eventline-topics-provisioner',
    brokers: properties.brokers,
    auth: properties.auth === 'iam' ? 'iam' : 'plaintext',
    region: config.region,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const plan = await provisionTopics({
      admin,
      wanted: properties.topics,
      managed: properties.retiredTopics,
      orphaned,
    });
    await ensureAcls(admin, properties.acls);
    console.log(JSON.stringify({ message: 'topics provisioned', plan, acls: properties.acls.length }));
    return {
      PhysicalResourceId: physicalResourceId,
      Data: { Topics: properties.topics.map((topic) => topic.name).join(',') },
    };
  } finally {
    await admin.disconnect();
  }
};
