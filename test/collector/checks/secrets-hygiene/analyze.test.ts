// Severities, titles and evidence of secrets-hygiene findings, and the pieces they rest on: ignore
// entries, export headers, key files.
import { describe, expect, it } from 'vitest';
import { analyzeSecrets } from '../../../../collector/checks/secrets-hygiene/analyze';
import { csvColumns, isPlainBitwardenJson, passwordExportFormat } from '../../../../collector/checks/secrets-hygiene/exports';
import { globToRegExp, IgnoreList } from '../../../../collector/checks/secrets-hygiene/ignore';
import { privateKeyFile } from '../../../../collector/checks/secrets-hygiene/key-files';
import type { SecretsObservation } from '../../../../collector/checks/secrets-hygiene/probe';
import { RULE_IDS } from '../../../../collector/checks/secrets-hygiene/rules';
import { isPlaceholder, shannonEntropy } from '../../../../collector/checks/secrets-hygiene/rule';
import { mutations } from '../../../helpers/fuzz';

const NOW = new Date('2026-11-23T06:15:00Z');
const EMPTY_SCAN = { files: 10, bytes: 1000, binary: 0, tooBig: 0, unreadable: 0, unreadableExample: null, symlinks: 0, excluded: 0, ignored: 0, partial: null };

function obs(partial: Partial<SecretsObservation>): SecretsObservation {
  return { secrets: [], keys: [], exports: [], scan: EMPTY_SCAN, ignoredSecrets: 0, ...partial };
}

describe('secrets-hygiene analysis', () => {
  it('names the rule, path, line and host; evidence is path, line, rule, hash', () => {
    const [f] = analyzeSecrets(obs({ secrets: [{ path: '/opt/stacks/app/.env', line: 3, rule: 'aws-access-key', hash: '0123456789abcdef', readableByOthers: true, occurrences: 1 }] }), 'ubuntu', NOW);
    expect(f).toEqual({
      subject: '/opt/stacks/app/.env aws-access-key 0123456789abcdef',
      severity: 'high',
      title: 'AWS access key in /opt/stacks/app/.env:3 on ubuntu',
      evidence: { path: '/opt/stacks/app/.env', line: 3, rule: 'aws-access-key', hash: '0123456789abcdef', readable_by_others: true },
      remediation: expect.stringContaining('"/opt/stacks/app/.env:aws-access-key"'),
    });
  });

  it('rates a secret one step lower when only its owner can read the file, never below info', () => {
    const hit = (rule: string, readableByOthers: boolean) => ({ path: '/etc/x', line: 1, rule, hash: 'h', readableByOthers, occurrences: 1 });
    const sev = (rule: string, open: boolean) => analyzeSecrets(obs({ secrets: [hit(rule, open)] }), 'h', NOW)[0]!.severity;
    expect([sev('private-key', true), sev('private-key', false)]).toEqual(['high', 'medium']);
    expect([sev('generic-password', true), sev('generic-password', false)]).toEqual(['medium', 'low']);
    expect([sev('bcrypt-hash', true), sev('bcrypt-hash', false)]).toEqual(['low', 'info']);
  });

  it('rates world-readable keys by passphrase and by whether other users can reach them', () => {
    const key = (encrypted: boolean | null, reachable: boolean) => ({ path: '/home/pi/.ssh/id_ed25519', mode: 0o644, uid: 1000, kind: 'openssh' as const, encrypted, reachable });
    const sev = (k: ReturnType<typeof key>) => analyzeSecrets(obs({ keys: [k] }), 'sentinel', NOW)[0]!;
    expect(sev(key(false, true))).toMatchObject({ severity: 'critical', title: 'Private key readable by every user on sentinel: /home/pi/.ssh/id_ed25519' });
    expect(sev(key(null, true)).severity).toBe('critical');
    expect(sev(key(true, true)).severity).toBe('high');
    expect(sev(key(false, false)).severity).toBe('medium');
    expect(sev(key(false, true)).evidence).toEqual({ path: '/home/pi/.ssh/id_ed25519', mode: '0644', uid: 1000, kind: 'openssh', passphrase: 'no', reachable_by_others: true });
  });

  it('calls a plaintext export critical with its age', () => {
    const [f] = analyzeSecrets(obs({ exports: [{ path: '/home/alex/Downloads/bitwarden_export.csv', format: 'Bitwarden', mtimeMs: Date.parse('2026-11-01T09:15:00Z'), mode: 0o644 }] }), 'ubuntu', NOW);
    expect(f).toMatchObject({ severity: 'critical', title: 'Plaintext Bitwarden export left on ubuntu: /home/alex/Downloads/bitwarden_export.csv', evidence: { age_days: 21, readable_by_others: true, format: 'Bitwarden' } });
  });

  it('reports a partial scan and unreadable files as info, and nothing for a clean complete scan', () => {
    expect(analyzeSecrets(obs({}), 'h', NOW)).toEqual([]);
    const f = analyzeSecrets(obs({ scan: { ...EMPTY_SCAN, partial: 'the time budget ran out', unreadable: 2, unreadableExample: '/etc/ssl/private' } }), 'nas', NOW);
    expect(f.map((x) => [x.subject, x.severity, x.title])).toEqual([
      ['scan-partial', 'info', 'Secrets scan on nas stopped early: the time budget ran out'],
      ['scan-unreadable', 'info', 'Secrets scan could not read 2 files or folders on nas (e.g. /etc/ssl/private)'],
    ]);
  });
});

describe('ignore entries and globs', () => {
  it('matches names anywhere below the base, anchored paths, ** and folders', () => {
    expect(globToRegExp('*.example').test('/opt/stacks/app/.env.example')).toBe(true);
    expect(globToRegExp('.git').test('/srv/repo/.git/config')).toBe(true);
    expect(globToRegExp('/etc/ssl/certs').test('/etc/ssl/certs/ca.pem')).toBe(true);
    expect(globToRegExp('/etc/ssl/certs').test('/etc/ssl/certsx')).toBe(false);
    expect(globToRegExp('legacy/**', '/opt/stacks').test('/opt/stacks/legacy/a/b.env')).toBe(true);
    expect(globToRegExp('legacy/**', '/opt/stacks').test('/opt/legacy/b.env')).toBe(false);
    expect(globToRegExp('/home/*/Downloads').test('/home/alex/Downloads')).toBe(true);
    expect(globToRegExp('/home/*/Downloads').test('/home/alex/x/Downloads')).toBe(false);
  });

  it('parses paths, path:rule and hashes, scoped to where they were written', () => {
    const list = new IgnoreList();
    list.add('# comment\n\n*.bak\nupsd.users:generic-password\n0123456789abcdef\nweird:name\n', '/etc/nut', RULE_IDS);
    expect(list.skipsPath('/etc/nut/x.bak')).toBe(true);
    expect(list.skipsPath('/etc/other/x.bak')).toBe(false);
    expect(list.skipsPath('/etc/nut/weird:name')).toBe(true);
    expect(list.dropsHit('/etc/nut/upsd.users', 'generic-password', 'ffff')).toBe(true);
    expect(list.dropsHit('/etc/nut/upsd.users', 'generic-secret', 'ffff')).toBe(false);
    expect(list.dropsHit('/anywhere', 'jwt', '0123456789abcdef')).toBe(true);
    const child = list.clone();
    child.add('extra.env', '/etc/nut/sub', RULE_IDS);
    expect(child.skipsPath('/etc/nut/sub/extra.env')).toBe(true);
    expect(list.skipsPath('/etc/nut/sub/extra.env')).toBe(false);
  });
});

describe('password-manager exports', () => {
  it('recognises each manager\'s documented CSV header', () => {
    const headers: Record<string, string> = {
      Bitwarden: 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      '1Password': 'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes',
      KeePass: '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"',
      Dashlane: 'username,username2,username3,title,password,note,url,category,otpSecret',
      LastPass: 'url,username,password,totp,extra,name,grouping,fav',
      Firefox: '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"',
      Chrome: 'name,url,username,password,note',
      'password manager': '\uFEFFemail;password;site',
    };
    for (const [format, header] of Object.entries(headers)) expect(passwordExportFormat(header), format).toBe(format);
    for (const notExport of ['date,amount,payee', 'name,password_changed_at', 'user,host', '']) expect(passwordExportFormat(notExport), notExport).toBeNull();
    expect(csvColumns('"A", b ;c')).toEqual(['a', 'b ;c']);
  });

  it('tells Bitwarden\'s plaintext JSON export from its encrypted one', () => {
    expect(isPlainBitwardenJson('{"encrypted": false, "folders": [], "items": [{"login": {}}]}')).toBe(true);
    expect(isPlainBitwardenJson('{"encrypted": true, "passwordProtected": true, "data": "…"}')).toBe(false);
  });
});

describe('key files and value filters', () => {
  const pem = (label: string, extra = '') => Buffer.from(`-----BEGIN ${label}-----\n${extra}MIIBFAKEEXAMPLE\n-----END ${label}-----\n`);
  it('knows a key file, its kind and whether a passphrase protects it', () => {
    expect(privateKeyFile(pem('PRIVATE KEY'))).toEqual({ kind: 'pkcs8', encrypted: false });
    expect(privateKeyFile(pem('ENCRYPTED PRIVATE KEY'))).toEqual({ kind: 'pkcs8', encrypted: true });
    expect(privateKeyFile(pem('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n'))).toEqual({ kind: 'pem', encrypted: true });
    expect(privateKeyFile(Buffer.concat([pem('CERTIFICATE'), pem('EC PRIVATE KEY')]))).toEqual({ kind: 'pem', encrypted: false });
    expect(privateKeyFile(pem('CERTIFICATE'))).toBeNull();
    expect(privateKeyFile(Buffer.concat([Buffer.from('# note\n'), pem('PRIVATE KEY')]))).toBeNull();
    expect(privateKeyFile(Buffer.from('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\n'))).toEqual({ kind: 'putty', encrypted: true });
    const ssh = (cipher: string) => {
      const str = (s: string) => Buffer.concat([Buffer.from([0, 0, 0, s.length]), Buffer.from(s)]);
      const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), str(cipher), str('bcrypt')]).toString('base64');
      return Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`);
    };
    expect(privateKeyFile(ssh('none'))).toEqual({ kind: 'openssh', encrypted: false });
    expect(privateKeyFile(ssh('aes256-ctr'))).toEqual({ kind: 'openssh', encrypted: true });
  });

  it('treats templates, references and classic defaults as placeholders', () => {
    for (const p of ['', '${DB_PASS}', '$DB_PASS', '$(cat /run/secrets/x)', '{{ .Env.X }}', '<password>', 'changeme', 'xxxx', '****', 'your-api-key-here', 'op://vault/item/field', '/run/secrets/db', 'ENC[AES256_GCM,data:…]', '!secret mqtt', 'https://example.com/token']) {
      expect(isPlaceholder(p), p).toBe(true);
    }
    for (const s of ['FAKE-EXAMPLE-pass', 'hunter2', 'correct-horse-battery-staple']) expect(isPlaceholder(s), s).toBe(false);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
});

describe('export headers and key files on hostile input (fuzz)', () => {
  const KNOWN_FORMATS = new Set(['Bitwarden', '1Password', 'KeePass', 'Dashlane', 'LastPass', 'Firefox', 'Chrome', 'password manager']);

  it('never throws on mutated CSV headers and Bitwarden JSON, and only ever names a known format', () => {
    const headers = ['folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp', '"Group","Title","Username","Password","URL","Notes"', 'url\tusername\tpassword\textra\tname\tgrouping\tfav'];
    for (const header of headers) {
      for (const input of mutations(header, 300, 11)) {
        expect(Array.isArray(csvColumns(input))).toBe(true);
        const format = passwordExportFormat(input);
        expect(format === null || KNOWN_FORMATS.has(format), format ?? '').toBe(true);
      }
    }
    for (const input of mutations('{"encrypted": false, "folders": [], "items": [{"login": {"password": "x"}}]}', 300, 12)) {
      expect(typeof isPlainBitwardenJson(input)).toBe('boolean');
    }
  });

  it('never throws on mutated key files (OpenSSH, PEM, PuTTY) and answers with a kind or null', () => {
    // openssh-key-v1 with cipher "none": magic, then the length-prefixed cipher name (OpenSSH PROTOCOL.key).
    const blob = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), Buffer.from([0, 0, 0, 4]), Buffer.from('none'), Buffer.alloc(64, 7)]);
    const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${blob.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    expect(privateKeyFile(Buffer.from(openssh))).toEqual({ kind: 'openssh', encrypted: false });
    const inputs = [
      ...mutations(openssh, 400, 13),
      ...mutations('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMIIB\n-----END RSA PRIVATE KEY-----\n', 200, 14),
      ...mutations('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\n', 200, 15),
    ];
    for (const input of inputs) {
      const info = privateKeyFile(Buffer.from(input, 'latin1'));
      if (info !== null) {
        expect(['openssh', 'pem', 'pkcs8', 'pgp', 'putty']).toContain(info.kind);
        expect([true, false, null]).toContain(info.encrypted);
      }
    }
    // A cipher length pointing far past the end of the blob is read as far as there is data, not a crash.
    const lying = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from('aes256-ctr')]);
    expect(privateKeyFile(Buffer.from(`-----BEGIN OPENSSH PRIVATE KEY-----\n${lying.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`))).toEqual({ kind: 'openssh', encrypted: true });
  });
});
