// Open an SSH connection with a pinned host key; every failure is classified (DNS, refused, auth, timeout, key).
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import type { SshSettings } from '../../config/types';
import { ProbeError } from '../../errors/probe-error';
import { messageOf } from '../../errors/vigil-error';
import { fingerprint, lookupHost, parseKnownHosts, verifyHostKey, type HostKeyVerdict, type KnownHostEntry } from './known-hosts';
import { SshHost } from './ssh-host';

/** Why a connection failed, in the words `host-unreachable` findings and `vigil doctor` use. */
export type ConnectFailure = 'dns' | 'refused' | 'unreachable' | 'timeout' | 'auth' | 'key-unknown' | 'key-changed' | 'key-revoked' | 'key-file' | 'other';

/** A failed connection attempt. */
export class SshConnectError extends ProbeError {
  override readonly name = 'SshConnectError';
  constructor(
    readonly failure: ConnectFailure,
    message: string,
    /** Fingerprint the server presented (key-* failures). */
    readonly presented: string | null = null,
    /** Fingerprints pinned for the host (key-changed). */
    readonly expected: string[] = [],
  ) {
    super('EHOST', message);
  }
}

/** Host key algorithms to offer for pinned key types, so the server presents a key we can compare. */
function algorithmsFor(entries: KnownHostEntry[]): string[] | undefined {
  if (entries.length === 0) return undefined;
  const out: string[] = [];
  for (const e of entries) {
    if (e.keyType === 'ssh-rsa') out.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else out.push(e.keyType);
  }
  return [...new Set(out)];
}

/** Read the known_hosts file (missing = nothing pinned yet). */
export async function readKnownHosts(path: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw new SshConnectError('other', `cannot read known_hosts ${path}: ${messageOf(error)}`);
  }
}

/** Load the private key (with its passphrase from the environment) and check it decrypts. */
async function loadKey(settings: SshSettings, env: NodeJS.ProcessEnv): Promise<{ privateKey?: Buffer; passphrase?: string }> {
  if (!settings.key) return {};
  let privateKey: Buffer;
  try {
    privateKey = await readFile(settings.key);
  } catch (error) {
    throw new SshConnectError('key-file', `cannot read the key ${settings.key}: ${(error as { code?: string }).code === 'ENOENT' ? 'no such file' : messageOf(error)}`);
  }
  const passphrase = settings.keyPassphraseEnv ? env[settings.keyPassphraseEnv] : undefined;
  if (settings.keyPassphraseEnv && passphrase === undefined) {
    throw new SshConnectError('key-file', `the key passphrase variable ${settings.keyPassphraseEnv} is not set`);
  }
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) {
    throw new SshConnectError('key-file', `cannot use the key ${settings.key}: ${/passphrase|decrypt|bad/i.test(parsed.message) ? 'wrong or missing passphrase' : parsed.message}`);
  }
  return { privateKey, ...(passphrase !== undefined ? { passphrase } : {}) };
}

function classify(error: unknown, settings: SshSettings): SshConnectError {
  const e = error as { code?: string; level?: string; message?: string };
  const where = `${settings.host}:${settings.port}`;
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return new SshConnectError('dns', `DNS: cannot resolve ${settings.host}`);
  if (e.code === 'ECONNREFUSED') return new SshConnectError('refused', `connection refused by ${where}`);
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') return new SshConnectError('unreachable', `${where} is unreachable`);
  if (e.code === 'ETIMEDOUT' || /timed out/i.test(e.message ?? '')) return new SshConnectError('timeout', `no SSH handshake with ${where} in time`);
  if (e.level === 'client-authentication') return new SshConnectError('auth', `authentication as ${settings.user} failed (key not accepted)`);
  return new SshConnectError('other', `${where}: ${messageOf(error)}`);
}

/** What connecting needs. */
export interface ConnectInput {
  name: string;
  settings: SshSettings;
  allowSudo: boolean;
  env?: NodeJS.ProcessEnv;
  /** Override the pinned keys (tests, `vigil trust`). */
  known?: KnownHostEntry[];
}

/** Connect, verifying the host key against Vigil's known_hosts before any authentication or command. */
export async function connectSsh(input: ConnectInput): Promise<SshHost> {
  const { settings } = input;
  const env = input.env ?? process.env;
  const known = input.known ?? (await readKnownHosts(settings.knownHosts));
  const pinned = lookupHost(known, settings.host, settings.port);
  const keys = await loadKey(settings, env);
  const agent = settings.agent ?? undefined;
  if (!keys.privateKey && !agent) {
    throw new SshConnectError(
      'key-file',
      settings.key
        ? 'no key and no SSH agent configured'
        : "agent: true but SSH_AUTH_SOCK is not set in Vigil's environment (under cron or a systemd timer, give the socket's path: agent: /run/user/1000/ssh-agent.socket)",
    );
  }

  // Filled in by the verifier callback during the handshake.
  const seen: { verdict: HostKeyVerdict | null; presented: Buffer | null } = { verdict: null, presented: null };
  const client = new ssh2.Client();
  const config: ConnectConfig = {
    host: settings.host,
    port: settings.port,
    username: settings.user,
    readyTimeout: settings.connectTimeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
    ...keys,
    ...(agent ? { agent } : {}),
    hostVerifier: (key: Buffer) => {
      seen.presented = key;
      seen.verdict = verifyHostKey(known, settings.host, settings.port, key);
      return seen.verdict.state === 'trusted';
    },
    ...(pinned.length ? { algorithms: { serverHostKey: algorithmsFor(pinned) as ServerHostKeyAlgorithm[] } } : {}),
  };
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      // Late errors of an abandoned connection must not surface as unhandled events.
      client.on('error', () => undefined);
      client.end();
      const v = seen.verdict;
      const fp = seen.presented ? fingerprint(seen.presented) : null;
      if (v?.state === 'unknown') {
        reject(new SshConnectError('key-unknown', `host key ${fp} is not trusted yet: run \`vigil trust ${input.name}\``, fp));
      } else if (v?.state === 'changed') {
        reject(
          new SshConnectError(
            'key-changed',
            `host key changed: presented ${fp}, pinned ${v.expected.map((e) => fingerprint(e.key)).join(', ')}; nothing was sent`,
            fp,
            v.expected.map((e) => fingerprint(e.key)),
          ),
        );
      } else if (v?.state === 'revoked') {
        reject(new SshConnectError('key-revoked', `host key ${fp} is marked @revoked in known_hosts`, fp));
      } else reject(classify(error, settings));
    };
    client.once('ready', () => {
      client.removeListener('error', fail);
      resolve();
    });
    client.once('error', fail);
    client.connect(config);
  });
  return new SshHost(input.name, client, input.allowSudo, settings.commandTimeoutMs);
}

/** Fetch the key a server presents, without authenticating (for `vigil trust`). */
export async function fetchHostKey(settings: SshSettings): Promise<Buffer> {
  const client = new ssh2.Client();
  return new Promise((resolve, reject) => {
    let key: Buffer | null = null;
    client.once('error', (error) => {
      client.on('error', () => undefined);
      client.end();
      if (key) resolve(key);
      else reject(classify(error, settings));
    });
    client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.user,
      readyTimeout: settings.connectTimeoutMs,
      hostVerifier: (k: Buffer) => {
        key = k;
        return false;
      },
    });
  });
}
