// Decide what the secrets scan found is worth: one finding per secret (path, line, rule, salted hash),
// per world-readable private key, per plaintext password export, and notes when the scan was partial.
import type { FindingDraft } from '../../../shared/finding';
import { SEVERITIES, type Severity } from '../../../shared/severity';
import type { KeyFile } from './key-files';
import type { SecretHit, SecretsObservation } from './probe';
import { ruleById } from './rules';

const DAY_MS = 86_400_000;

/**
 * One step lower when only the owner (and group) can read the file: the secret then reaches only
 * accounts that already run the service. World-readable is the rule's own severity: every local
 * account, and every container with the folder mounted, can read it (CWE-732).
 */
function secretSeverity(hit: SecretHit, base: Severity): Severity {
  if (hit.readableByOthers) return base;
  return SEVERITIES[Math.max(SEVERITIES.indexOf('info'), SEVERITIES.indexOf(base) - 1)]!;
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

function secretFinding(hit: SecretHit, host: string): FindingDraft {
  const rule = ruleById(hit.rule);
  const name = rule?.name ?? hit.rule;
  const evidence: FindingDraft['evidence'] = { path: hit.path, line: hit.line, rule: hit.rule, hash: hit.hash, readable_by_others: hit.readableByOthers };
  if (hit.occurrences > 1) evidence.occurrences = hit.occurrences;
  return {
    // The hash keeps the finding's id stable when lines move, and tells two secrets in one file apart.
    subject: `${hit.path} ${hit.rule} ${hit.hash}`,
    severity: secretSeverity(hit, rule?.severity ?? 'medium'),
    title: `${name} in ${hit.path}:${hit.line} on ${host}`,
    evidence,
    remediation: `Move it out of the file (Docker secrets, a root-only env file, the password manager) and rotate it if the file was ever shared or backed up; to accept it, add "${hit.path}:${hit.rule}" to a .vigilignore beside it or to checks.secrets-hygiene.ignore.`,
  };
}

/**
 * Unencrypted and reachable: critical — any local account or process can copy it and use it at once
 * (OpenSSH refuses such a key: "UNPROTECTED PRIVATE KEY FILE!", ssh(1) FILES). With a passphrase: high,
 * the copy can be cracked offline. Mode open but a folder above closed to others: medium, one chmod
 * away (the CIS Ubuntu benchmarks' "Ensure permissions on SSH private host key files are configured"
 * asks for 0600 regardless).
 */
function keySeverity(key: KeyFile): Severity {
  if (!key.reachable) return 'medium';
  return key.encrypted === true ? 'high' : 'critical';
}

function keyFinding(key: KeyFile, host: string): FindingDraft {
  return {
    subject: `key ${key.path}`,
    severity: keySeverity(key),
    title: key.reachable
      ? `Private key readable by every user on ${host}: ${key.path}`
      : `Private key with world-readable permissions on ${host}: ${key.path} (a folder above keeps others out)`,
    evidence: {
      path: key.path,
      mode: octal(key.mode),
      uid: key.uid,
      kind: key.kind,
      passphrase: key.encrypted === null ? 'unknown' : key.encrypted ? 'yes' : 'no',
      reachable_by_others: key.reachable,
    },
    remediation: `chmod 600 ${key.path}; if other users or containers could read it, replace the key and remove the old public half wherever it is trusted.`,
  };
}

/**
 * Always critical: a plaintext export is every password at once. The user's own rule for the
 * vault-export script: "that plaintext must never outlive the script's own execution" (homelab posts,
 * "Backing Up the One Credential That Can't Be Wrong").
 */
function exportFinding(found: SecretsObservation['exports'][number], host: string, now: Date): FindingDraft {
  return {
    subject: `export ${found.path}`,
    severity: 'critical',
    title: `Plaintext ${found.format} export left on ${host}: ${found.path}`,
    evidence: {
      path: found.path,
      format: found.format,
      modified: new Date(found.mtimeMs).toISOString(),
      age_days: Math.max(0, Math.floor((now.getTime() - found.mtimeMs) / DAY_MS)),
      readable_by_others: (found.mode & 0o004) !== 0,
    },
    remediation: `Delete it (shred -u "${found.path}") once the import it was for is done, and make the export script remove its plaintext on every exit path (trap '…' EXIT).`,
  };
}

/** Findings for one host's scan. */
export function analyzeSecrets(obs: SecretsObservation, host: string, now: Date): FindingDraft[] {
  const findings: FindingDraft[] = [
    ...obs.exports.map((e) => exportFinding(e, host, now)),
    ...obs.keys.map((k) => keyFinding(k, host)),
    ...obs.secrets.map((s) => secretFinding(s, host)),
  ];
  const { scan } = obs;
  // A partial scan is reported, never passed off as a clean one (Lynis: every skip says why).
  if (scan.partial) {
    findings.push({
      subject: 'scan-partial',
      severity: 'info',
      title: `Secrets scan on ${host} stopped early: ${scan.partial}`,
      evidence: { reason: scan.partial, files: scan.files, bytes: scan.bytes },
      remediation: 'Raise checks.secrets-hygiene max_files / max_bytes / timeout, or narrow paths and exclude.',
    });
  }
  if (scan.unreadable > 0) {
    findings.push({
      subject: 'scan-unreadable',
      severity: 'info',
      title: `Secrets scan could not read ${scan.unreadable} file${scan.unreadable === 1 ? '' : 's'} or folder${scan.unreadable === 1 ? '' : 's'} on ${host} (e.g. ${scan.unreadableExample ?? '?'})`,
      evidence: { unreadable: scan.unreadable, example: scan.unreadableExample },
      remediation: 'Run Vigil as root on that host, or set sudo: true for it, so root-only files are scanned too.',
    });
  }
  return findings;
}
