import type { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { bootstrapCommand } from '../../../local/cli/commands/bootstrap.js';
import { consumeCommand } from '../../../local/cli/commands/consume.js';
import { decodeCommand } from '../../../local/cli/commands/decode.js';
import { dlqCommand } from '../../../local/cli/commands/dlq.js';
import { eventsCommand } from '../../../local/cli/commands/events.js';
import { invokeCommand } from '../../../local/cli/commands/invoke.js';
import { produceCommand } from '../../../local/cli/commands/produce.js';
import { relayFailuresCommand } from '../../../local/cli/commands/relay-failures.js';
import { schemasCommand } from '../../../local/cli/commands/schemas.js';
import { startCommand } from '../../../local/cli/commands/start.js';
import {
  localPipelineRegistry,
  registryFlagHelp,
  registryFromFlags,
} from '../../../local/cli/registry-flags.js';

function withSubcommands(command: Command, path = command.name()): [string, Command][] {
  return [
    [path, command],
    ...command.commands.flatMap((sub) => withSubcommands(sub, `${path} ${sub.name()}`)),
  ];
}

const commands = [
  bootstrapCommand(),
  consumeCommand(),
  decodeCommand(),
  dlqCommand(),
  eventsCommand(),
  invokeCommand(),
  produceCommand(),
  relayFailuresCommand(),
  schemasCommand(),
  startCommand(),
].flatMap((command) => withSubcommands(command));

const noName = () => undefined;

describe('The registry flags', () => {
  it('are offered by every command that talks to a registry, with the same words', () => {
    const offering = commands.filter(([, command]) => command.options.some((o) => o.long === '--registry'));

    expect(offering.map(([path]) => path).sort()).toEqual([
      'bootstrap',
      'consume',
      'decode',
      'dlq show',
      'events generate',
      'invoke',
      'produce',
      'relay-failures replay',
      'schemas check',
      'schemas list',
      'schemas register',
      'start',
    ]);
    for (const [path, command] of offering) {
      const option = (long: string) => command.options.find((o) => o.long === long);
      expect(option('--registry')?.description.startsWith(`${registryFlagHelp.registry}; `), path).toBe(true);
      expect(option('--glue-registry')?.flags, path).toBe('--glue-registry [name]');
      expect(option('--glue-registry')?.description, path).toBe(registryFlagHelp.glueRegistry);
    }
  });

  it("read a URL with credentials as basic auth, and the local names as the stack's URLs", () => {
    expect(registryFromFlags({ registry: 'https://me:p%40ss@registry.example:8081/' }, noName)).toEqual({
      kind: 'confluent',
      url: 'https://registry.example:8081/',
      auth: { username: 'me', password: 'p@ss' },
    });
    expect(registryFromFlags({ registry: 'service' }, noName)).toEqual({
      kind: 'confluent',
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
    expect(registryFromFlags({}, noName)).toBeUndefined();
  });

  it('give a bare --glue-registry the default name, and --glue-endpoint aws no endpoint at all', () => {
    expect(registryFromFlags({ glueRegistry: true, glueEndpoint: 'aws' }, () => 'from-manifest')).toEqual({
      kind: 'glue',
      registryName: 'from-manifest',
    });
    expect(registryFromFlags({ glueRegistry: 'named', glueEndpoint: 'http://127.0.0.1:1' }, noName)).toEqual({
      kind: 'glue',
      registryName: 'named',
      endpoint: 'http://127.0.0.1:1',
    });
    expect(() => registryFromFlags({ glueEndpoint: 'aws' }, noName)).toThrow(
      '--glue-endpoint goes with --glue-registry',
    );
  });

  it("map onto the local stack's registries for the commands that run the functions", () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(localPipelineRegistry({})).toBe('apicurio');
      expect(localPipelineRegistry({ registry: 'service' })).toBe('service');
      expect(localPipelineRegistry({ glueRegistry: true })).toBe('glue');
      expect(localPipelineRegistry({ registry: 'glue' })).toBe('glue');
      expect(stderr).toHaveBeenCalledWith('eventline: --registry glue is deprecated; use --glue-registry\n');
      expect(() => localPipelineRegistry({ glueRegistry: 'another' })).toThrow(/local stack's Glue registry/);
    } finally {
      stderr.mockRestore();
    }
  });
});
