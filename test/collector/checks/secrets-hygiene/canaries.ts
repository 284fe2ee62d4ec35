// Canary secrets: one line per rule whose secret part is random and unique to a test run, so any
// output that contains it (or a long piece of it) has leaked it.
import { prng } from '../../../helpers/fuzz';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';

/** Lines to plant (keyed by the rule they must trigger) and the secret values in them. */
export interface Canaries {
  lines: Record<string, string>;
  secrets: string[];
  /** A private key file body (world-readable key test) and a Bitwarden export, also holding canaries. */
  keyFile: string;
  exportCsv: string;
}

/** Canaries from a seed; every secret value is at least 16 random characters. */
export function makeCanaries(seed: number): Canaries {
  const rand = prng(seed);
  const secrets: string[] = [];
  const pick = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    return s;
  };
  const secret = (alphabet: string, n: number) => {
    const s = pick(alphabet, n);
    secrets.push(s);
    return s;
  };
  const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const header = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = secret(ALNUM, 64);
  const keyBody = secret(ALNUM, 64);
  const lines: Record<string, string> = {
    'private-key': `SIGNING_KEY="-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----"`,
    'aws-access-key': `AWS_ACCESS_KEY_ID=AKIA${secret(BASE32, 16)}`,
    'github-token': `GH_TOKEN=ghp_${secret(ALNUM, 36)}`,
    'gitlab-token': `GITLAB=glpat-${secret(ALNUM, 24)}`,
    'slack-token': `SLACK_BOT=xoxb-1234567890123-1234567890123-${secret(ALNUM, 24)}`,
    'slack-webhook': `SLACK_HOOK=https://hooks.slack.com/services/T0000000/B0000000/${secret(ALNUM, 24)}`,
    'discord-webhook': `DISCORD_HOOK=https://discord.com/api/webhooks/123456789012345678/${secret(ALNUM, 68)}`,
    'discord-bot-token': `DISCORD_BOT=M${secret(ALNUM, 24)}.${pick(ALNUM, 6)}.${secret(ALNUM, 30)}`,
    'telegram-bot-token': `TG_BOT=123456789:AA${secret(ALNUM, 33)}`,
    'tailscale-key': `TS_AUTHKEY=tskey-auth-k${pick(ALNUM, 9)}-${secret(ALNUM, 24)}`,
    'ntfy-token': `curl -H "X-Auth: tk_${secret(ALNUM, 29)}" https://ntfy.example/t`,
    'home-assistant-token': `HASS=${header}.${b64url({ iss: pick(HEX, 32), iat: 1_790_000_000, exp: 2_105_360_000 })}.${secret(ALNUM, 43)}`,
    jwt: `SESSION=${header}.${b64url({ sub: 'canary', iat: 1_790_000_000 })}.${secret(ALNUM, 43)}`,
    'bcrypt-hash': `admin:$2y$10$${secret(`${ALNUM}./`, 53)}`,
    'database-url': `DATABASE_URL=postgres://app:${secret(ALNUM, 20)}@db:5432/app`,
    'url-credentials': `remote = https://alex:${secret(ALNUM, 20)}@git.example/alex/infra.git`,
    'authorization-header': `curl -H 'Authorization: Bearer ${secret(ALNUM, 32)}' https://api.example`,
    'generic-password': `SMTP_PASSWORD=${secret(ALNUM, 20)}`,
    'generic-secret': `WEBHOOK_SECRET=${secret(ALNUM, 24)}`,
  };
  const keyFile = `-----BEGIN OPENSSH PRIVATE KEY-----\n${keyBody}\n-----END OPENSSH PRIVATE KEY-----\n`;
  const exportCsv = `name,url,username,password,note\nNAS,https://nas.example,alex,${secret(ALNUM, 20)},\nRouter,https://router.example,admin,${secret(ALNUM, 20)},\n`;
  return { lines, secrets, keyFile, exportCsv };
}

/** The first piece (12+ characters) of any canary found in `text`, or null. */
export function leakedPiece(text: string, secrets: readonly string[]): string | null {
  for (const s of secrets) {
    for (let i = 0; i + 12 <= s.length; i += 4) {
      const piece = s.slice(i, i + 12);
      if (text.includes(piece)) return piece;
    }
  }
  return null;
}
