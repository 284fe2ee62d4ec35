// The scanner and its prefilter: WebAssembly and JavaScript probes agree, lines are right, hostile and
// mutated input (truncated, binary, enormous lines) never crashes it and never leaks a value.
import { describe, expect, it } from 'vitest';
import { analyzeSecrets } from '../../../../collector/checks/secrets-hygiene/analyze';
import { findCandidatesJs, KeywordFilter } from '../../../../collector/checks/secrets-hygiene/keyword-filter';
import { gatherSecrets } from '../../../../collector/checks/secrets-hygiene/probe';
import { RULES } from '../../../../collector/checks/secrets-hygiene/rules';
import { looksBinary, SecretScanner, secretBytes } from '../../../../collector/checks/secrets-hygiene/scan';
import type { Fixture } from '../../../../collector/host/fixture';
import { ReplayHost } from '../../../../collector/host/replay-host';
import { mutations, prng } from '../../../helpers/fuzz';
import { leakedPiece, makeCanaries } from './canaries';
import { optionsFor } from './tree';

const scanner = new SecretScanner();
const jsScanner = new SecretScanner(RULES, { useWasm: false });
const ids = (text: string, s = scanner) => s.scan(Buffer.from(text, 'latin1')).map((x) => `${x.line}:${x.rule.id}`);

describe('keyword prefilter', () => {
  const keywords = ['password', 'tk_', '://', ':aa', 'private key'];

  it('finds keywords in any case, at the start and the very end of the data', () => {
    const f = new KeywordFilter(keywords);
    const data = Buffer.from('PassWord x TK_ y https://z PRIVATE KEY:AA', 'latin1');
    const hits = f.find(data);
    const pairs: Array<[number, string]> = [];
    for (let i = 0; i < hits.length; i += 2) pairs.push([hits[i]!, keywords[hits[i + 1]!]!]);
    expect(pairs).toEqual([
      [0, 'password'],
      [11, 'tk_'],
      [22, '://'],
      [27, 'private key'],
      [38, ':aa'],
    ]);
    expect(new KeywordFilter(keywords).find(Buffer.from('tk'))).toEqual([]);
    expect(new KeywordFilter(keywords).find(Buffer.alloc(0))).toEqual([]);
  });

  it('the WebAssembly probe returns exactly the JavaScript reference\'s candidates, also past its output buffer', () => {
    const rand = prng(3);
    const wasm = new KeywordFilter(RULES.flatMap((r) => r.keywords).filter((k, i, a) => a.indexOf(k) === i));
    const js = new KeywordFilter(RULES.flatMap((r) => r.keywords).filter((k, i, a) => a.indexOf(k) === i), false);
    expect(wasm.accelerated).toBe(true);
    const samples = [
      Buffer.from(Array.from({ length: 300_000 }, () => Math.floor(rand() * 256))),
      Buffer.from('token password tk_ :// '.repeat(40_000)), // > 16,384 candidates per call
      Buffer.from(RULES.flatMap((r) => r.examples.truePositives).join('\n')),
    ];
    for (const data of samples) expect(wasm.find(data)).toEqual(js.find(data));
  });

  it('the JavaScript probe reports a position for every byte whose trigram slot is set', () => {
    expect(findCandidatesJs(new Uint8Array(1 << 18).fill(1), Buffer.from('abcde'))).toEqual([0, 1, 2]);
    expect(findCandidatesJs(new Uint8Array(1 << 18), Buffer.from('abcde'))).toEqual([]);
  });
});

describe('scanner', () => {
  it('reports the line where each match begins, across CRLF, long lines and a PEM block', () => {
    const text = [
      'a=1\r',
      `${'x'.repeat(100_000)} GH=ghp_FAKEEXAMPLE6oCmuUMaGmSWAwkIwc4E8QI0e`,
      'key: |',
      '  -----BEGIN EC PRIVATE KEY-----',
      '  MHcCAQEEIFAKEEXAMPLEFAKEEXAMPLEFAKEEXAMPLE',
      '  -----END EC PRIVATE KEY-----',
      'PASSWORD=FAKEEXAMPLEpw',
    ].join('\n');
    expect(ids(text)).toEqual(['2:github-token', '4:private-key', '7:generic-password']);
    expect(ids(text, jsScanner)).toEqual(ids(text));
  });

  it('lets the more specific rule win where two match the same value', () => {
    expect(ids('GITHUB_TOKEN=ghp_FAKEEXAMPLE6oCmuUMaGmSWAwkIwc4E8QI0e')).toEqual(['1:github-token']);
    expect(ids('curl -H "Authorization: Bearer tk_FAKEEXAMPLE6oCmuUMaGmSWAwkIwc"')).toEqual(['1:ntfy-token']);
  });

  it('hashes a key body the same with LF, CRLF and escaped newlines', () => {
    const body = ['MIIEvFAKEEXAMPLEAgEAMA0GCSqGSIb3DQEBAQUABIIEpjCCBKIC', 'AQAFAKEEXAMPLE=='];
    const forms = [`-----BEGIN PRIVATE KEY-----\n${body.join('\n')}\n-----END PRIVATE KEY-----`, `-----BEGIN PRIVATE KEY-----\r\n${body.join('\r\n')}\r\n-----END PRIVATE KEY-----`, `k="-----BEGIN PRIVATE KEY-----\\n${body.join('\\n')}\\n-----END PRIVATE KEY-----"`];
    const values = forms.map((f) => {
      const data = Buffer.from(f, 'latin1');
      const [span] = scanner.scan(data);
      return secretBytes(data, span!).toString('latin1');
    });
    expect(new Set(values).size).toBe(1);
    expect(values[0]).toBe(body.join(''));
  });

  it('tells binary files by a NUL in the first 8000 bytes', () => {
    expect(looksBinary(Buffer.from('text\0'))).toBe(true);
    expect(looksBinary(Buffer.concat([Buffer.alloc(8000, 0x41), Buffer.from([0])]))).toBe(false);
  });

  it('never throws on truncated, binary, enormous-line and hostile mutations of a file full of secrets (fuzz)', () => {
    const c = makeCanaries(11);
    const file = Object.values(c.lines).join('\n');
    for (const input of mutations(file, 300, 5)) {
      const data = Buffer.from(input, 'latin1');
      const spans = scanner.scan(data);
      for (const s of spans) {
        expect(s.start).toBeGreaterThanOrEqual(0);
        expect(s.end).toBeLessThanOrEqual(data.length);
        expect(s.line).toBeGreaterThanOrEqual(1);
      }
      expect(spans.map((s) => s.rule.id)).toEqual(jsScanner.scan(data).map((s) => s.rule.id));
    }
  });

  it('through gather and analyze, mutated files yield findings that hold no piece of a value (fuzz)', async () => {
    const c = makeCanaries(12);
    const file = Object.values(c.lines).join('\n');
    const inputs = mutations(file, 60, 9);
    const fixture: Fixture = {
      vigil_fixture: 1,
      host: 'fuzz',
      kind: 'ssh',
      captured_at: '2026-11-23T06:15:00.000Z',
      answers: [
        { op: 'stat', path: '/srv', result: { type: 'dir', size: 4096, mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 } },
        { op: 'list', path: '/srv', result: inputs.map((_, i) => ({ name: `f${i}.env`, type: 'file' as const })) },
        ...inputs.flatMap((text, i) => [
          { op: 'stat' as const, path: `/srv/f${i}.env`, result: { type: 'file' as const, size: text.length, mode: 0o644, uid: 0, gid: 0, mtimeMs: 0 } },
          { op: 'read' as const, path: `/srv/f${i}.env`, result: { base64: Buffer.from(text, 'latin1').toString('base64') } },
        ]),
      ],
    };
    const obs = await gatherSecrets(new ReplayHost(fixture, 'fuzz', 'strict'), { options: optionsFor('/srv'), salt: 'fuzz', sudo: false, signal: new AbortController().signal, budgetMs: 60_000 });
    expect(obs.secrets.length).toBeGreaterThan(inputs.length);
    expect(leakedPiece(JSON.stringify(analyzeSecrets(obs, 'fuzz', new Date())), c.secrets)).toBeNull();
  });
});
