import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import {
  fingerprint,
  formatEntry,
  hostToken,
  keyTypeOf,
  lookupHost,
  parseKnownHosts,
  patternsMatch,
  verifyHostKey,
} from '../../../collector/host/ssh/known-hosts';
import { buildRemoteCommand, quoteArg, sudoRefusal } from '../../../collector/host/ssh/shell-quote';
import { execFileSync } from 'node:child_process';

// A real ed25519 public key (the blob of `ssh-keygen -t ed25519`).
const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIJ+c8tRLaHhkfQG6sQ6O0xQ4wSc3O9nE6b0QDEJSl2rc';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIG2d3Qkz0nN8yQyMdz3tQkQ7YJcq3ExcPp6OqO7oJx1W';
const blob = (b64: string) => Buffer.from(b64, 'base64');

describe('known_hosts', () => {
  it('reads plain, port-qualified, wildcard, negated and hashed entries', () => {
    const salt = Buffer.from('0123456789abcdef0123', 'latin1');
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[nas.home.arpa]:2222').digest('base64')}`;
    const text = [
      '# comment',
      `192.168.1.10,nas ssh-ed25519 ${KEY_A} root@nas`,
      `${hashed} ssh-ed25519 ${KEY_B}`,
      `*.home.arpa,!evil.home.arpa ssh-ed25519 ${KEY_A}`,
      `@cert-authority *.home.arpa ssh-ed25519 ${KEY_A}`,
      `@revoked old.home.arpa ssh-ed25519 ${KEY_B}`,
      'garbage line',
      `bad ssh-rsa ${KEY_A}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => e.line)).toEqual([2, 3, 4, 6]);
    expect(lookupHost(entries, 'nas', 22)).toHaveLength(1);
    expect(lookupHost(entries, '192.168.1.10', 22)).toHaveLength(1);
    expect(lookupHost(entries, 'nas.home.arpa', 2222).map((e) => e.line)).toEqual([3]);
    expect(lookupHost(entries, 'nas.home.arpa', 22).map((e) => e.line)).toEqual([4]);
    expect(lookupHost(entries, 'evil.home.arpa', 22)).toEqual([]);
    expect(verifyHostKey(entries, 'old.home.arpa', 22, blob(KEY_B)).state).toBe('revoked');
  });

  it('verifies: trusted, unknown, changed', () => {
    const entries = parseKnownHosts(`nas ssh-ed25519 ${KEY_A}\n`);
    expect(verifyHostKey(entries, 'nas', 22, blob(KEY_A)).state).toBe('trusted');
    expect(verifyHostKey(entries, 'pi', 22, blob(KEY_A)).state).toBe('unknown');
    expect(verifyHostKey(entries, 'nas', 22, blob(KEY_B)).state).toBe('changed');
  });

  it('writes hashed entries that OpenSSH itself finds (ssh-keygen -F)', () => {
    const line = formatEntry('127.0.0.1', 2222, blob(KEY_A));
    expect(parseKnownHosts(line)).toHaveLength(1);
    expect(verifyHostKey(parseKnownHosts(line), '127.0.0.1', 2222, blob(KEY_A)).state).toBe('trusted');
    expect(hostToken('h', 2222)).toBe('[h]:2222');
    expect(keyTypeOf(blob(KEY_A))).toBe('ssh-ed25519');
    expect(fingerprint(blob(KEY_A))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const file = `/tmp/vigil-kh-${process.pid}`;
    execFileSync('sh', ['-c', `printf '%s\\n' "$1" > ${file}`, 'sh', line]);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2222', '-f', file], { encoding: 'utf8' });
    expect(found).toContain('Host [127.0.0.1]:2222 found');
    execFileSync('rm', ['-f', file]);
  });

  it('matches patterns with ? and *', () => {
    expect(patternsMatch('pi?', 'pi4')).toBe(true);
    expect(patternsMatch('pi?', 'pi45')).toBe(false);
    expect(patternsMatch('[nas]:2222', '[nas]:2222')).toBe(true);
  });
});

describe('remote command lines', () => {
  it('single-quotes every argument so nothing is interpreted', () => {
    expect(quoteArg("it's")).toBe("'it'\\''s'");
    expect(buildRemoteCommand(['cat', '--', '/tmp/a b'], false)).toBe("'env' 'LC_ALL=C' 'LANG=C' 'cat' '--' '/tmp/a b'");
    expect(buildRemoteCommand(['id'], true)).toBe("'env' 'LC_ALL=C' 'LANG=C' 'sudo' '-n' '--' 'id'");
    expect(buildRemoteCommand(['id'], false, 2.5)).toBe(
      "if command -v timeout >/dev/null 2>&1; then exec 'env' 'LC_ALL=C' 'LANG=C' 'timeout' '-k' '2' '3' 'id'; else exec 'env' 'LC_ALL=C' 'LANG=C' 'id'; fi",
    );
    expect(() => quoteArg('a\u0000b')).toThrow();
  });

  it('round-trips hostile arguments through a real shell unchanged', () => {
    const hostile = ['$(touch /tmp/pwned)', '`id`', "a'b\"c", 'x; rm -rf /', 'line\nbreak', '*', '~', '-n', '${HOME}', '\\'];
    for (const limit of [undefined, 5]) {
      const out = execFileSync('sh', ['-c', buildRemoteCommand(['printf', '%s\\0', ...hostile], false, limit)], { encoding: 'utf8' });
      expect(out.split('\u0000').slice(0, -1)).toEqual(hostile);
    }
  });

  it('recognises sudo refusals', () => {
    expect(sudoRefusal('sudo: a password is required\n')).toBe('a password is required');
    expect(sudoRefusal('vigiltest is not in the sudoers file.\n')).toBeNull();
    expect(sudoRefusal('sudo: vigiltest is not in the sudoers file.  This incident will be reported.\n')).toMatch(/not in the sudoers/);
    expect(sudoRefusal('cat: x: No such file\n')).toBeNull();
  });
});
