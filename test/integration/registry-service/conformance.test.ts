import { afterAll, beforeAll } from 'vitest';
import { localEndpoints } from '../../support/local-aws.js';
import {
  apicurioDiffers,
  type ConformanceTarget,
  describeConformance,
  type Quirk,
} from './conformance-cases.js';
import { type RunningRegistry, startRegistry, testResources } from './support.js';

const eventline: ConformanceTarget = { name: 'eventline registry service', url: '', quirks: new Set() };
const apicurio: ConformanceTarget = {
  name: 'Apicurio 3.0.9 ccompat',
  url: localEndpoints.apicurioUrl,
  quirks: new Set(Object.keys(apicurioDiffers) as Quirk[]),
};

const resources = testResources();
let server: RunningRegistry;
beforeAll(async () => {
  server = await startRegistry(resources);
  eventline.url = server.url;
});
afterAll(async () => {
  await server?.close();
  await resources.drop();
});

describeConformance([eventline, apicurio]);
