// The capture redactor (collector/host/redact.ts): same-shape placeholders the rules still match,
// exports reduced to their header, and a masked safety net for anything the rules let through.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../../collector/checks/secrets-hygiene/rules';
import { SecretScanner } from '../../../../collector/checks/secrets-hygiene/scan';
import { redactSecrets } from '../../../../collector/host/redact';
import { leakedPiece, makeCanaries } from './canaries';

const scanner = new SecretScanner();
const found = (text: string) => scanner.scan(Buffer.from(text, 'utf8')).map((s) => `${s.line}:${s.rule.id}`);

describe('capture redaction', () => {
  it('replaces every canary with a placeholder of the same length that the same rule still finds on the same line', () => {
    const c = makeCanaries(99);
    const text = `# header\n${Object.values(c.lines).join('\n')}\n`;
    const redacted = redactSecrets(text, '/opt/stacks/app/.env');
    expect(leakedPiece(redacted, c.secrets)).toBeNull();
    expect(redacted.length).toBe(text.length);
    expect(redacted.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
    expect(found(redacted)).toEqual(found(text));
  });

  it('keeps each rule\'s true positives recognisable after redaction', () => {
    for (const rule of RULES) {
      for (const tp of rule.examples.truePositives) {
        const redacted = redactSecrets(tp, 'example');
        expect(scanner.scan(Buffer.from(redacted)).map((s) => s.rule.id), `${rule.id}: ${redacted}`).toContain(rule.id);
      }
    }
  });

  it('depends only on the shape of a value, never on the value', () => {
    const a = redactSecrets('GH=ghp_FAKEEXAMPLE6oCmuUMaGmSWAwkIwc4E8QI0e', 's');
    const b = redactSecrets('GH=ghp_ZZZZZZZZZZZ6oCmuUMaGmSWAwkIwc4E8QI0e', 's');
    expect(a).toBe(b);
    expect(a).not.toContain('FAKEEXAMPLE');
  });

  it('reduces a password-manager export to its header, whatever the file is called', () => {
    const csv = 'name,url,username,password,note\nNAS,https://nas,alex,FAKEEXAMPLEpw1,\n';
    expect(redactSecrets(csv, '/tmp/x/vault.csv')).toBe('name,url,username,password,note\n');
    expect(redactSecrets(csv, 'cat /tmp/x/vault')).toBe('name,url,username,password,note\n');
    expect(redactSecrets('site;secret_key\nx;FAKEEXAMPLE\n', '/tmp/keys.csv')).toBe('site;secret_key\n');
    expect(redactSecrets('{"encrypted": false, "items": [{"login": {"password": "FAKEEXAMPLEpw"}}]}', '/tmp/bitwarden_export.json')).toBe('{"encrypted": false, "items": []}\n');
  });

  it('masks secret-looking assignments the rules do not report (low entropy) with x, leaving references alone', () => {
    expect(redactSecrets('API_TOKEN=abcabcab\nDB_PASSWORD=${DB_PASSWORD}\nTZ=Europe/Berlin\n', 'env')).toBe('API_TOKEN=xxxxxxxx\nDB_PASSWORD=${DB_PASSWORD}\nTZ=Europe/Berlin\n');
  });

  it('keeps JSON documents parseable for the checks that replay them', () => {
    const body = JSON.stringify({ token_count: 123, Env: ['POSTGRES_PASSWORD=FAKE-EXAMPLE-pg-pass', 'TZ=UTC'], api_key: 'FAKEEXAMPLE9f8e7d6c5b4a' });
    const parsed = JSON.parse(redactSecrets(body, '/v1.41/containers/json')) as { token_count: number; Env: string[]; api_key: string };
    expect(parsed.token_count).toBe(123);
    expect(parsed.Env[0]).toMatch(/^POSTGRES_PASSWORD=/);
    expect(parsed.Env[0]).not.toContain('FAKE-EXAMPLE-pg-pass');
    expect(parsed.api_key).not.toContain('FAKEEXAMPLE');
  });

  it('leaves text without secrets byte for byte, including UTF-8', () => {
    const text = 'server: nas.home.arpa\nname: Café ☕\n';
    expect(redactSecrets(text, 'x')).toBe(text);
  });
});
