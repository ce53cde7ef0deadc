import type { AttributeValue as SdkAttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttributeValue as LambdaAttributeValue } from 'aws-lambda';

/**
 * Lambda's stream event carries images in the attribute-value JSON with binaries as
 * base64 strings; the SDK's unmarshall wants bytes. Converts one image to the SDK shape.
 */
export function toSdkImage(image: Record<string, LambdaAttributeValue>): Record<string, SdkAttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toSdk(value)]));
}

function toSdk(value: LambdaAttributeValue): SdkAttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B, 'base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b, 'base64')) };
  if (value.L !== undefined) return { L: value.L.map(toSdk) };
  if (value.M !== undefined) return { M: toSdkImage(value.M) };
  return value as SdkAttributeValue;
}
