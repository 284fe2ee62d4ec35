// A throwaway PKI made with the real openssl: a test CA and leaf certificates with exact start and end dates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A key and certificate, PEM. */
export interface KeyPair {
  key: string;
  cert: string;
}

/** What a leaf should look like. */
export interface LeafSpec {
  commonName: string;
  /** subjectAltName entries such as "DNS:vault.test" or "IP:127.0.0.1". */
  altNames: string[];
  start: Date;
  end: Date;
  /** Sign with its own key instead of the test CA. */
  selfSigned?: boolean;
}

/** A test CA that issues leaves. */
export interface TestPki {
  ca: KeyPair;
  issue(name: string, spec: LeafSpec): KeyPair;
}

/** openssl's `-startdate`/`-enddate` format: YYYYMMDDHHMMSSZ. */
export function opensslDate(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

const CA_CONFIG = `[ca]
default_ca = test
[test]
dir = DIR
database = $dir/index.txt
new_certs_dir = $dir/issued
serial = $dir/serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = copy
[any]
commonName = supplied
`;

/** Create a CA valid from `start` to `end` in `dir` (EC P-256 keys keep the PEMs short). */
export function makePki(openssl: string, dir: string, start: Date, end: Date): TestPki {
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG.replace('DIR', dir));
  const run = (args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const request = (name: string, cn: string, ext: string[]) =>
    run(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`, ...ext]);
  const sign = (name: string, start: Date, end: Date, extra: string[]) =>
    run(['ca', '-batch', '-notext', '-config', 'ca.cnf', '-in', `${name}.csr`, '-out', `${name}.pem`, '-startdate', opensslDate(start), '-enddate', opensslDate(end), ...extra]);
  const read = (name: string): KeyPair => ({ key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') });

  request('ca', 'Vigil Test CA', ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  sign('ca', start, end, ['-selfsign', '-keyfile', 'ca.key']);
  const ca = read('ca');
  return {
    ca,
    issue(name, spec) {
      request(name, spec.commonName, spec.altNames.length ? ['-addext', `subjectAltName=${spec.altNames.join(',')}`] : []);
      sign(name, spec.start, spec.end, spec.selfSigned ? ['-selfsign', '-keyfile', `${name}.key`] : ['-cert', 'ca.pem', '-keyfile', 'ca.key']);
      return read(name);
    },
  };
}
