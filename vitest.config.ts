import { defineConfig } from 'vitest/config';

/*
 * Unit and infra files share one module graph per worker (isolate: false): importing aws-cdk-lib,
 * the AWS SDK and protobufjs again for every file was most of their time (unit 76 s -> 23 s, infra
 * 168 s -> 49 s on the 2-core VM). They keep no state between files, checked with
 * `--sequence.shuffle` on several seeds. Tests that change process state restore it in afterEach.
 */

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          isolate: false,
          testTimeout: 300_000,
        },
      },
    ],
  },
});
