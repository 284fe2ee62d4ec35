// Lab SSH client: run login attempts (from chosen local addresses) against the lab's sshd; prints one result per line.
// Usage: node ssh-client.mjs '<JSON array of { from, user, passwords?, key? }>' (run inside the lab's network namespace).
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';

const attempts = JSON.parse(process.argv[2] ?? '[]');
const port = Number(process.env.LAB_SSH_PORT ?? 22);

function attempt({ from, user, passwords = [], key }) {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    const auth = key
      ? [{ type: 'publickey', username: user, key: readFileSync(key) }]
      : passwords.map((password) => ({ type: 'password', username: user, password }));
    const done = (result) => {
      client.end();
      resolve({ from, user, result });
    };
    client.on('ready', () => done('accepted'));
    client.on('error', (error) => done(error.level === 'client-authentication' ? 'rejected' : `error: ${error.message}`));
    client.connect({
      // The lab's addresses all live on its loopback: connecting to the address itself makes it the source sshd sees.
      host: from,
      port,
      localAddress: from,
      username: user,
      authHandler: auth,
      readyTimeout: 15_000,
      hostVerifier: () => true,
    });
  });
}

for (const a of attempts) console.log(JSON.stringify(await attempt(a)));
