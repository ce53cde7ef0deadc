import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, ports } from './config.js';
import { cacheDir, dataDir } from './paths.js';
import { httpAnswers } from './probes.js';
import type { ServiceDefinition } from './service.js';
import { requireTool, runSetup } from './tools.js';

/**
 * 3.0.9 is the newest Apicurio 3.x on Maven Central that runs on Java 17: 3.1.x and 3.2.x
 * are not published there and 3.3.x needs Java 21. The `all` tar.gz is the runnable app.
 */
const version = '3.0.9';
const artifact = `io.apicurio:apicurio-registry-app:${version}:tar.gz:all`;
const appDir = join(cacheDir, `apicurio-${version}`);
const runner = join(appDir, `apicurio-registry-app-${version}-runner.jar`);
const baseUrl = `http://${HOST}:${ports.apicurio}/apis/ccompat/v7`;

async function install(): Promise<void> {
  if (existsSync(runner)) return;
  await requireTool('mvn');
  const staging = `${appDir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // Maven copies the archive out of whichever local repository it is configured with
  // (settings.xml, -Dmaven.repo.local), downloading it once; the artifact alone is resolved,
  // since its parent pom is not on Maven Central.
  await runSetup(
    'mvn',
    ['-q', '-B', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${staging}`],
    `Fetching Apicurio Registry ${version} from Maven Central (or the local Maven repository)`,
  );
  const archive = join(staging, `apicurio-registry-app-${version}-all.tar.gz`);
  await runSetup('tar', ['-xzf', archive, '-C', staging], `Unpacking Apicurio Registry ${version}`);
  rmSync(archive);
  rmSync(appDir, { recursive: true, force: true });
  renameSync(staging, appDir);
}

export const apicurio: ServiceDefinition = {
  name: 'apicurio',
  description: `Apicurio Registry ${version} (Confluent API at /apis/ccompat/v7)`,
  port: ports.apicurio,
  startTimeoutMs: 120_000,
  async prepare() {
    await install();
    return {
      command: 'java',
      cwd: appDir,
      args: [
        '-Xms64m',
        '-Xmx384m',
        '-XX:+UseSerialGC',
        '-Xss512k',
        `-Dvertx.cacheDirBase=${join(dataDir, 'apicurio-vertx')}`,
        `-Dquarkus.http.host=${HOST}`,
        `-Dquarkus.http.port=${ports.apicurio}`,
        '-Dquarkus.http.access-log.enabled=false',
        '-Dquarkus.log.category."io.apicurio".level=WARN',
        // Lookups (POST /subjects/{s}) match a schema whatever its formatting, as Confluent's do.
        '-Dapicurio.ccompat.use-canonical-hash=true',
        '-jar',
        runner,
      ],
    };
  },
  probe: () => httpAnswers(`${baseUrl}/subjects`),
  async configure() {
    // Confluent's default global compatibility is BACKWARD; Apicurio starts with NONE.
    const response = await fetch(`${baseUrl}/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    if (!response.ok)
      throw new Error(`setting Apicurio's global compatibility failed: HTTP ${response.status}`);
  },
};
