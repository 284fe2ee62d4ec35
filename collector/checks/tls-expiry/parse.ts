// Parse what a TLS handshake returned (PEM chain, verification code) into plain facts about the leaf certificate.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { ParseError } from '../../errors/parse-error';
import type { TlsResult } from '../../host/host';

/** One configured endpoint, normalised. */
export interface TlsEndpoint {
  host: string;
  port: number;
  /** SNI name sent and checked against the certificate; null means "the host name" (none for an IP). */
  servername: string | null;
  /** This endpoint's own thresholds (e.g. a 90-day certificate renewed by hand wants an earlier warning). */
  warn_days?: number;
  critical_days?: number;
}

/** The facts the analyzer needs about a certificate (no crypto objects, so observations are plain data). */
export interface CertFacts {
  commonName: string | null;
  issuerCommonName: string | null;
  /** DNS and IP names from subjectAltName, in certificate order (at most 20). */
  altNames: string[];
  notBefore: string;
  notAfter: string;
  serial: string;
  fingerprint256: string;
  /** Issued by itself and signed by its own key. */
  selfSigned: boolean;
}

/** One endpoint as the analyzer sees it. */
export type EndpointObservation =
  | { endpoint: TlsEndpoint; status: 'unreachable'; code: string; reason: string }
  | {
      endpoint: TlsEndpoint;
      status: 'handshake';
      leaf: CertFacts;
      chainLength: number;
      /** Whether the leaf covers the name a client would check (servername, else host). */
      nameMatches: boolean;
      /** OpenSSL's verification code at handshake time (null = the chain verified). */
      authorizationError: string | null;
      protocol: string | null;
    };

const PEM_BLOCK = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\r?\n?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_NAMES = 20;
const MAX_NAME_LENGTH = 253;

/** The name a client checks the certificate against: the SNI name, else the host. */
export function expectedName(endpoint: TlsEndpoint): string {
  return endpoint.servername ?? endpoint.host;
}

/** OpenSSL's `validFrom`/`validTo` ("Nov  1 00:00:00 2026 GMT") as ISO 8601. */
export function parseOpensslDate(text: string, source: string): string {
  const m = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/.exec(text);
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) throw new ParseError(source, 'certificate validity date is not in OpenSSL\'s format');
  return new Date(Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))).toISOString();
}

/** A certificate name made safe for evidence: printable, bounded. */
function safeName(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, MAX_NAME_LENGTH);
}

function commonNameOf(dn: string): string | null {
  // Node prints a distinguished name as one `KEY=value` per line.
  const line = dn.split('\n').find((l) => l.startsWith('CN='));
  return line ? safeName(line.slice(3)) : null;
}

function altNamesOf(cert: X509Certificate): string[] {
  const san = cert.subjectAltName ?? '';
  const names: string[] = [];
  for (const part of san.split(', ')) {
    const m = /^(DNS|IP Address):(.+)$/.exec(part);
    if (m && names.length < MAX_NAMES) names.push(safeName(m[2]!));
  }
  return names;
}

/** Parse one PEM certificate; anything that is not one is a ParseError naming the endpoint. */
export function parseCertificate(pem: string, source: string): X509Certificate {
  if (!PEM_BLOCK.test(pem)) throw new ParseError(source, 'not a single PEM certificate block');
  try {
    return new X509Certificate(pem);
  } catch {
    throw new ParseError(source, 'PEM block is not a valid X.509 certificate');
  }
}

/** The facts of a certificate. */
export function certFacts(cert: X509Certificate, source: string): CertFacts {
  let selfSigned = false;
  try {
    selfSigned = cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    selfSigned = false;
  }
  return {
    commonName: commonNameOf(cert.subject),
    issuerCommonName: commonNameOf(cert.issuer),
    altNames: altNamesOf(cert),
    notBefore: parseOpensslDate(cert.validFrom, source),
    notAfter: parseOpensslDate(cert.validTo, source),
    serial: cert.serialNumber.slice(0, 64),
    fingerprint256: cert.fingerprint256,
    selfSigned,
  };
}

/** Whether the certificate covers `name` (RFC 6125 rules as Node implements them; CN only without DNS SANs). */
export function coversName(cert: X509Certificate, name: string): boolean {
  const bare = name.replace(/^\[|\]$/g, '');
  return isIP(bare) ? cert.checkIP(bare) !== undefined : cert.checkHost(bare) !== undefined;
}

/** Label of an endpoint for messages and subjects: `host:port`, plus `/servername` when it differs. */
export function endpointLabel(e: TlsEndpoint): string {
  const host = isIP(e.host) === 6 ? `[${e.host}]` : e.host;
  return `${host}:${e.port}${e.servername && e.servername !== e.host ? `/${e.servername}` : ''}`;
}

/** Turn one handshake result into the analyzer's view (pure). */
export function parseHandshake(endpoint: TlsEndpoint, result: TlsResult): EndpointObservation {
  const source = `tls ${endpointLabel(endpoint)}`;
  if (!Array.isArray(result.chainPem) || result.chainPem.length === 0) {
    throw new ParseError(source, 'the server presented no certificate');
  }
  const leaf = parseCertificate(result.chainPem[0]!, source);
  result.chainPem.slice(1).forEach((pem, i) => parseCertificate(pem, `${source} (chain certificate ${i + 2})`));
  const code = result.authorizationError;
  return {
    endpoint,
    status: 'handshake',
    leaf: certFacts(leaf, source),
    chainLength: result.chainPem.length,
    nameMatches: coversName(leaf, expectedName(endpoint)),
    authorizationError: typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? code : code === null ? null : 'UNKNOWN',
    protocol: typeof result.protocol === 'string' ? result.protocol.slice(0, 16) : null,
  };
}

/** Parse `host:port`, `[v6]:port`, or a bare host (port 443). Null when it is neither. */
export function parseEndpointText(text: string): { host: string; port: number } | null {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m) return null;
  const port = m[3] === undefined ? 443 : Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}
