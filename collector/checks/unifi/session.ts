// A controller session over Host.http (which has no cookie jar): login, cookies and CSRF token, one re-login on expiry.
import type { Host, HttpResponse } from '../../host/host';

/** The two login flavours: UniFi OS consoles (UDM, UCG, Cloud Key Gen2+) and the classic Network application. */
export type ControllerFlavor = 'unifi-os' | 'classic';

/** How to reach and log in to the controller. The password lives only here, and only for the login body. */
export interface SessionSettings {
  /** `https://unifi.home.arpa` or `https://192.168.1.2:8443`, no trailing slash. */
  base: string;
  username: string;
  password: string;
  insecure: boolean;
  ca?: string;
  signal: AbortSignal;
}

/** The outcome of a login: in, or why not (a sentence that never contains the password). */
export type LoginResult = { ok: true } | { ok: false; status: number; reason: string };

/** A GET's outcome: the answer, or a login that failed while renewing an expired session. */
export type GetResult = { ok: true; response: HttpResponse } | { ok: false; login: Extract<LoginResult, { ok: false }> };

/** A controller answers in well under a second; a minute-long wait means trouble. */
const REQUEST_TIMEOUT_MS = 20_000;
/** An expired session is renewed once per run; a controller that keeps rejecting fresh sessions is not retried forever. */
const MAX_RELOGINS = 1;

/** Split a (comma-joined) Set-Cookie header into name=value pairs, ignoring attributes and commas inside Expires. */
export function parseSetCookie(header: string | undefined): [string, string][] {
  if (!header) return [];
  return header
    .split(/,(?=\s*[A-Za-z0-9_.-]+=)/)
    .map((part) => /^\s*([A-Za-z0-9_.-]+)=([^;]*)/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!.trim()]);
}

/** The login sentence for an answer the controller gave (codes from the controller's and UniFi OS's error bodies). */
export function loginFailure(status: number, body: string): string {
  const text = body.slice(0, 4096);
  if (status === 429 || text.includes('AUTHENTICATION_FAILED_LIMIT_REACHED')) return 'too many login attempts; the controller refuses logins for a while';
  if (status === 499 || text.includes('api.err.Ubic2faTokenRequired') || text.includes('MFA')) {
    return 'the account requires two-factor authentication; give Vigil a local account without it';
  }
  if (status === 400 || status === 401 || status === 403 || text.includes('api.err.Invalid') || text.includes('INVALID_CREDENTIALS')) {
    return 'the controller rejected the username or password';
  }
  // The other flavour's login path: the GET / guess was wrong (a reverse proxy in front, for instance).
  if (status === 404) return 'no login endpoint there (HTTP 404); set checks.unifi.controller to unifi-os or classic';
  return `the login answered HTTP ${status}`;
}

/** True for an answer that says "log in first": 401, or the classic controller's LoginRequired envelope. */
function needsLogin(r: HttpResponse): boolean {
  return r.status === 401 || (r.status !== 200 && r.body.includes('api.err.LoginRequired'));
}

/** One logged-in conversation with a controller. */
export class ControllerSession {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;
  private relogins = 0;
  /** Logins performed (the first and any renewal), for tests and evidence. */
  logins = 0;

  constructor(
    private readonly host: Host,
    private readonly settings: SessionSettings,
    readonly flavor: ControllerFlavor,
  ) {}

  private async request(method: 'GET' | 'POST', url: string, body?: string): Promise<HttpResponse> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await this.host.http({
      url,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: REQUEST_TIMEOUT_MS,
      insecure: this.settings.insecure,
      ...(this.settings.ca ? { ca: this.settings.ca } : {}),
      signal: this.settings.signal,
    });
    this.absorb(response);
    return response;
  }

  /** Keep cookies and the CSRF token the controller hands out (UniFi OS rotates it in x-updated-csrf-token). */
  private absorb(r: HttpResponse): void {
    for (const [name, value] of parseSetCookie(r.headers['set-cookie'])) this.cookies.set(name, value);
    const header = r.headers['x-updated-csrf-token'] ?? r.headers['x-csrf-token'];
    // Classic controllers put the token in a csrf_token cookie and expect it back as a header.
    const token = header ?? this.cookies.get('csrf_token');
    if (token) this.csrf = token;
  }

  /** Log in. A 200 counts as success even without cookies: a replayed fixture has none, and its answers need none. */
  async login(): Promise<LoginResult> {
    this.cookies.clear();
    this.csrf = null;
    this.logins++;
    const path = this.flavor === 'unifi-os' ? '/api/auth/login' : '/api/login';
    const body = JSON.stringify({ username: this.settings.username, password: this.settings.password });
    const r = await this.request('POST', `${this.settings.base}${path}`, body);
    if (r.status === 200 && !r.body.includes('"rc":"error"')) return { ok: true };
    return { ok: false, status: r.status, reason: loginFailure(r.status, r.body) };
  }

  /** The URL of a site API path for this flavour. */
  siteUrl(site: string, path: string): string {
    const prefix = this.flavor === 'unifi-os' ? '/proxy/network' : '';
    return `${this.settings.base}${prefix}/api/s/${encodeURIComponent(site)}/${path}`;
  }

  /** GET a site API path; an expired session is renewed once and the request repeated. */
  async get(site: string, path: string): Promise<GetResult> {
    const url = this.siteUrl(site, path);
    let response = await this.request('GET', url);
    while (needsLogin(response) && this.relogins < MAX_RELOGINS) {
      this.relogins++;
      const login = await this.login();
      if (!login.ok) return { ok: false, login };
      response = await this.request('GET', url);
    }
    return { ok: true, response };
  }
}
