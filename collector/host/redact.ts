// Redaction for captured fixtures: secret-looking values are replaced before anything is stored.
// The secrets-hygiene rules plug in here; until then, common credential assignments are masked.

const ASSIGNMENT = /\b((?:[A-Za-z0-9_]*?)(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)[A-Za-z0-9_]*\s*[=:]\s*)(["']?)([^\s"'#]{4,})\2/gi;

/** Replace secret values in recorded text with placeholders of the same length. */
export function redactSecrets(text: string): string {
  return text.replace(ASSIGNMENT, (_m, lead: string, quote: string, value: string) => `${lead}${quote}${'x'.repeat(value.length)}${quote}`);
}
