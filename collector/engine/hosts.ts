// Open a Host for each configured machine; a machine that cannot be opened is reported, not fatal.
import type { HostConfig } from '../config/types';
import type { Host } from '../host/host';
import { LocalHost } from '../host/local-host';
import { loadFixture, ReplayHost, type ReplayMode } from '../host/replay-host';
import { messageOf } from '../errors/vigil-error';
import { connectSsh, SshConnectError, type ConnectFailure } from '../host/ssh/connect';

/** A host that opened, or why it did not (with the SSH failure class and fingerprints when there is one). */
export type OpenedHost =
  | { config: HostConfig; host: Host }
  | { config: HostConfig; error: string; failure?: ConnectFailure; presented?: string | null; expected?: string[] };

/** Host config of the implicit local machine, used for once-per-run checks when no host is marked. */
export function implicitCollectorHost(): HostConfig {
  return {
    name: 'local',
    kind: 'local',
    fixture: null,
    ssh: null,
    docker: '/var/run/docker.sock',
    sudo: false,
    collector: true,
    checks: [],
  };
}

/** Open one host. Fixture hosts load their file now, so a broken fixture is one unreachable host. */
export async function openHost(config: HostConfig, replayMode: ReplayMode = 'lenient'): Promise<OpenedHost> {
  try {
    switch (config.kind) {
      case 'local':
        return { config, host: new LocalHost(config.name, config.sudo) };
      case 'fixture': {
        const fixture = await loadFixture(config.fixture ?? '');
        return { config, host: new ReplayHost(fixture, config.name, replayMode) };
      }
      case 'ssh': {
        if (!config.ssh) return { config, error: 'no ssh settings' };
        return { config, host: await connectSsh({ name: config.name, settings: config.ssh, allowSudo: config.sudo }) };
      }
    }
  } catch (error) {
    if (error instanceof SshConnectError) {
      return { config, error: error.message, failure: error.failure, presented: error.presented, expected: error.expected };
    }
    return { config, error: messageOf(error) };
  }
}
