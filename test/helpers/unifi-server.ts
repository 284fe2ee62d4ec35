// A loopback stub of a UniFi controller (UniFi OS or classic login) answering with the controller's JSON shapes.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';

/** The site data the stub serves (each list becomes `{"meta":{"rc":"ok"},"data":[…]}`); null events → 404. */
export interface UnifiStubData {
  devices: unknown[];
  clients: unknown[];
  alarms: unknown[];
  events: unknown[] | null;
}

/** How the stub behaves. */
export interface UnifiStubOptions {
  flavor: 'unifi-os' | 'classic';
  username: string;
  password: string;
  site?: string;
  data: UnifiStubData;
  /** Serve HTTPS with this key and certificate (a self-signed controller). */
  tls?: { key: string; cert: string };
  /** Forget every session once, after this many authenticated data requests (an expired session). */
  expireSessionsAfter?: number;
  /** Forget every session right after each login (a controller that never honours its own cookies). */
  rejectAllSessions?: boolean;
}

/** One request as the stub saw it (never the body: it holds the password). */
export interface StubRequest {
  method: string;
  path: string;
  cookie: boolean;
  csrf: boolean;
  status: number;
}

/** A running stub. */
export interface UnifiStub {
  url: string;
  /** Successful logins. */
  logins: number;
  failedLogins: number;
  requests: StubRequest[];
  close(): Promise<void>;
}

const envelope = (data: unknown[]) => JSON.stringify({ meta: { rc: 'ok' }, data });
const error = (msg: string) => JSON.stringify({ meta: { rc: 'error', msg }, data: [] });
const token = () => randomBytes(16).toString('hex');

function cookiesOf(req: http.IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Start the stub on 127.0.0.1 (a random port). */
export async function startUnifiStub(o: UnifiStubOptions): Promise<UnifiStub> {
  const site = o.site ?? 'default';
  const os = o.flavor === 'unifi-os';
  /** Live sessions: session token → the CSRF token that must accompany it. */
  const sessions = new Map<string, string>();
  let authedDataRequests = 0;
  let expired = false;
  const stub: UnifiStub = { url: '', logins: 0, failedLogins: 0, requests: [], close: async () => {} };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').replace(/\?.*/, '');
    const cookies = cookiesOf(req);
    const csrfHeader = req.headers['x-csrf-token'];
    const send = (status: number, body: string, headers: Record<string, string | string[]> = {}) => {
      stub.requests.push({ method: req.method ?? '', path, cookie: cookies.size > 0, csrf: typeof csrfHeader === 'string', status });
      res.writeHead(status, { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json; charset=utf-8', ...headers });
      res.end(body);
    };

    if (req.method === 'GET' && path === '/') {
      // UniFi OS serves its web app at /; a classic controller redirects to /manage.
      return os ? send(200, '<!DOCTYPE html><html><head><title>UniFi OS</title></head><body></body></html>') : send(302, '', { location: '/manage' });
    }
    if (req.method === 'POST' && path === (os ? '/api/auth/login' : '/api/login')) {
      let creds: { username?: unknown; password?: unknown } = {};
      try {
        creds = JSON.parse(await readBody(req)) as typeof creds;
      } catch {
        creds = {};
      }
      if (creds.username !== o.username || creds.password !== o.password) {
        stub.failedLogins++;
        return send(os ? 401 : 400, error('api.err.Invalid'));
      }
      stub.logins++;
      const session = token();
      const csrf = token();
      if (!o.rejectAllSessions) sessions.set(session, csrf);
      if (os) {
        const user = { unique_id: 'a1b2c3d4', first_name: 'Vigil', last_name: '', full_name: 'Vigil', username: o.username, local_account_exist: true, isOwner: false, isSuperAdmin: false };
        return send(200, JSON.stringify(user), { 'set-cookie': [`TOKEN=${session}; path=/; samesite=none; secure; httponly`], 'x-csrf-token': csrf });
      }
      return send(200, envelope([]), { 'set-cookie': [`unifises=${session}; Path=/; Secure; HttpOnly`, `csrf_token=${csrf}; Path=/; Secure`] });
    }

    const prefix = `${os ? '/proxy/network' : ''}/api/s/`;
    if (req.method === 'GET' && path.startsWith(prefix)) {
      const session = cookies.get(os ? 'TOKEN' : 'unifises') ?? '';
      const expected = sessions.get(session);
      if (!expected || csrfHeader !== expected) return send(401, error('api.err.LoginRequired'));
      if (o.expireSessionsAfter !== undefined && !expired && authedDataRequests >= o.expireSessionsAfter) {
        expired = true;
        sessions.clear();
        return send(401, error('api.err.LoginRequired'));
      }
      authedDataRequests++;
      const [reqSite, ...rest] = path.slice(prefix.length).split('/');
      if (reqSite !== site) return send(400, error('api.err.NoSiteContext'));
      const answers: Record<string, unknown[] | null> = {
        'stat/device': o.data.devices,
        'stat/sta': o.data.clients,
        'list/alarm': o.data.alarms,
        'stat/event': o.data.events,
      };
      const data = answers[rest.join('/')];
      if (!data) return send(404, error('api.err.NotFound'));
      // UniFi OS rotates the CSRF token now and then and announces the new one in x-updated-csrf-token.
      if (os) {
        const rotated = token();
        sessions.set(session, rotated);
        return send(200, envelope(data), { 'x-updated-csrf-token': rotated });
      }
      return send(200, envelope(data));
    }
    return send(404, error('api.err.NotFound'));
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server: net.Server = o.tls ? https.createServer({ key: o.tls.key, cert: o.tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  stub.url = `${o.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  stub.close = () => new Promise((resolve) => server.close(() => resolve()));
  return stub;
}
