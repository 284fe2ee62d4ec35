// Decide what is wrong with each endpoint's certificate: expiry against the thresholds, name, trust, reachability.
import type { Evidence, FindingDraft } from '../../../shared/finding';
import type { Severity } from '../../../shared/severity';
import { endpointLabel, expectedName, type EndpointObservation, type TlsEndpoint } from './parse';

/** Options the analyzer uses. */
export interface TlsAnalyzeOptions {
  warn_days: number;
  critical_days: number;
  /** Whether a custom CA was given (an untrusted chain then means more). */
  caConfigured: boolean;
}

const DAY_MS = 86_400_000;

/**
 * OpenSSL verification codes about time: the analyzer judges validity itself against its injected clock
 * (a replay is judged on the day it was captured), so these codes carry no extra information.
 */
const TIME_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);
/** Node's own hostname verdict; the analyzer checks names itself (RFC 6125, `X509Certificate.checkHost`). */
const NAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);
/** OpenSSL's code for a leaf that signed itself (x509_vfy.h). */
const SELF_SIGNED_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT']);

/** How a title names the endpoint: the name a browser would show, with the port when it is not 443. */
function displayName(e: TlsEndpoint): string {
  const name = expectedName(e);
  return e.port === 443 ? name : `${name}:${e.port}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function baseEvidence(o: Extract<EndpointObservation, { status: 'handshake' }>): Evidence {
  return {
    endpoint: endpointLabel(o.endpoint),
    servername: expectedName(o.endpoint),
    subject_cn: o.leaf.commonName,
    issuer_cn: o.leaf.issuerCommonName,
    not_before: o.leaf.notBefore,
    not_after: o.leaf.notAfter,
    serial: o.leaf.serial,
  };
}

/**
 * Validity: the user's own rule (homelab posts, "Mad-Eye's Watch": "a warning at 30 days, a critical at 7"):
 * within `critical_days` → critical, within `warn_days` → medium (a warning: time to renew, nothing broken yet).
 * Expired → critical (clients refuse it now). Not yet valid → high (clients refuse it now, usually a clock or
 * issuance mistake that fixes itself, so one step below expired).
 */
function validityFinding(o: Extract<EndpointObservation, { status: 'handshake' }>, options: TlsAnalyzeOptions, now: Date): FindingDraft | null {
  const label = endpointLabel(o.endpoint);
  const name = displayName(o.endpoint);
  const notBefore = Date.parse(o.leaf.notBefore);
  const notAfter = Date.parse(o.leaf.notAfter);
  const daysLeft = Math.floor((notAfter - now.getTime()) / DAY_MS);
  const evidence = { ...baseEvidence(o), days_left: daysLeft };
  const renew = `Renew the certificate for ${expectedName(o.endpoint)} and reload the service that serves it.`;
  if (now.getTime() < notBefore) {
    return {
      subject: `${label}:validity`,
      severity: 'high',
      title: `Certificate for ${name} is not valid until ${o.leaf.notBefore.slice(0, 10)}`,
      evidence,
      remediation: 'Check the clock of the machine that issued it, or re-issue it with a start date in the past.',
    };
  }
  if (now.getTime() >= notAfter) {
    const ago = Math.floor((now.getTime() - notAfter) / DAY_MS);
    return {
      subject: `${label}:validity`,
      severity: 'critical',
      title: `Certificate for ${name} expired ${ago === 0 ? 'today' : `${plural(ago, 'day')} ago`}`,
      evidence,
      remediation: renew,
    };
  }
  // The endpoint's own thresholds first, then the check's.
  const warnDays = o.endpoint.warn_days ?? options.warn_days;
  const criticalDays = o.endpoint.critical_days ?? options.critical_days;
  const critical = Math.min(criticalDays, warnDays);
  const severity: Severity | null = daysLeft <= critical ? 'critical' : daysLeft <= warnDays ? 'medium' : null;
  if (!severity) return null;
  return {
    subject: `${label}:validity`,
    severity,
    title: `Certificate for ${name} expires ${daysLeft === 0 ? 'within a day' : `in ${plural(daysLeft, 'day')}`}`,
    evidence: { ...evidence, warn_days: warnDays, critical_days: criticalDays },
    remediation: renew,
  };
}

/**
 * Trust. Self-signed leaf → medium: nothing can validate it except pinning (RFC 5280 §6.1), and clients that
 * accept it learn to click through warnings — common on NAS and IoT defaults, so not high. A chain that does not
 * verify → high when the user gave Vigil their CA (it should chain to it: a wrong or missing intermediate, or
 * someone else's certificate), medium without one (most likely a private CA Vigil was not told about).
 */
function trustFinding(o: Extract<EndpointObservation, { status: 'handshake' }>, options: TlsAnalyzeOptions): FindingDraft | null {
  const code = o.authorizationError;
  const label = endpointLabel(o.endpoint);
  const name = displayName(o.endpoint);
  // A self-signed certificate that verified was pinned on purpose: the user put it in ca_file.
  if (o.leaf.selfSigned && code === null) return null;
  if (o.leaf.selfSigned || (code !== null && SELF_SIGNED_CODES.has(code))) {
    return {
      subject: `${label}:trust`,
      severity: 'medium',
      title: `Certificate for ${name} is self-signed`,
      evidence: { ...baseEvidence(o), verify_error: code, fingerprint_sha256: o.leaf.fingerprint256 },
      remediation: `Issue a certificate for ${expectedName(o.endpoint)} from your CA (or ACME) instead of the device's default one.`,
    };
  }
  if (code === null || TIME_CODES.has(code) || NAME_CODES.has(code)) return null;
  return {
    subject: `${label}:trust`,
    severity: options.caConfigured ? 'high' : 'medium',
    title: `Certificate chain of ${name} is not trusted (${code})`,
    evidence: { ...baseEvidence(o), verify_error: code, chain_length: o.chainLength, ca_file_configured: options.caConfigured },
    remediation: options.caConfigured
      ? 'Serve the full chain (leaf + intermediates) issued by the CA in checks.tls-expiry.ca_file.'
      : 'Serve the full chain, or give Vigil your private CA in checks.tls-expiry.ca_file.',
  };
}

/**
 * Name mismatch → high: every client that checks names refuses the connection (RFC 6125 §6), and one that does
 * not is open to interception.
 */
function nameFinding(o: Extract<EndpointObservation, { status: 'handshake' }>): FindingDraft | null {
  if (o.nameMatches) return null;
  const covered = o.leaf.altNames.length > 0 ? o.leaf.altNames : o.leaf.commonName ? [o.leaf.commonName] : [];
  return {
    subject: `${endpointLabel(o.endpoint)}:name`,
    severity: 'high',
    title: `Certificate for ${displayName(o.endpoint)} does not cover the name ${expectedName(o.endpoint)}`,
    evidence: { ...baseEvidence(o), names: covered.join(', ') || null },
    remediation: `Add ${expectedName(o.endpoint)} to the certificate's subjectAltName, or point the endpoint at the right service.`,
  };
}

/**
 * Findings for every endpoint (pure). Unreachable → medium: its certificate cannot be checked, and a TLS service
 * that stopped answering is worth a look, but it is not itself a certificate problem.
 */
export function analyzeTls(observations: readonly EndpointObservation[], options: TlsAnalyzeOptions, now: Date): FindingDraft[] {
  const out: FindingDraft[] = [];
  for (const o of observations) {
    if (o.status === 'unreachable') {
      out.push({
        subject: `${endpointLabel(o.endpoint)}:unreachable`,
        severity: 'medium',
        title: `TLS endpoint ${displayName(o.endpoint)} could not be checked: ${o.reason}`,
        evidence: { endpoint: endpointLabel(o.endpoint), code: o.code, reason: o.reason },
        remediation: 'Check that the service runs and that this machine can reach it; remove the endpoint from checks.tls-expiry.endpoints if it is gone.',
      });
      continue;
    }
    for (const f of [validityFinding(o, options, now), nameFinding(o), trustFinding(o, options)]) if (f) out.push(f);
  }
  return out;
}
