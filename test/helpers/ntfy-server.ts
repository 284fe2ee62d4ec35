// A loopback server that speaks ntfy's publish API (JSON and header publishing, auth, sequence ids, clear),
// can be told to fail (429 with Retry-After, 500), and records every request it got.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as received. */
export interface NtfyRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The message as ntfy would store it (from JSON or from headers). */
  message?: Record<string, unknown>;
}

/** A forced answer for the next request. */
export interface Fault {
  status: number;
  retryAfter?: string;
}

/** The running stub. */
export interface NtfyServer {
  url: string;
  requests: NtfyRequest[];
  /** Notifications as a phone would show them now: by sequence id (or message id). */
  notifications: Map<string, Record<string, unknown>>;
  faults: Fault[];
  close(): Promise<void>;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;

/** Start the stub; with `token`, publishing needs `Authorization: Bearer <token>`. */
export async function startNtfyServer(token?: string): Promise<NtfyServer> {
  const requests: NtfyRequest[] = [];
  const notifications = new Map<string, Record<string, unknown>>();
  const faults: Fault[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const record: NtfyRequest = { method: req.method ?? '', path, headers: req.headers, body };
      requests.push(record);
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      const fault = faults.shift();
      if (fault) {
        reply(fault.status, { code: fault.status * 100, http: fault.status, error: 'forced by test' }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
        return;
      }
      if (token && req.headers.authorization !== `Bearer ${token}`) {
        reply(401, { code: 40101, http: 401, error: 'unauthorized' });
        return;
      }
      const parts = path.split('/').filter(Boolean);
      // PUT /<topic>/<sequence id>/clear dismisses a notification.
      if (req.method === 'PUT' && parts.length === 3 && parts[2] === 'clear') {
        notifications.delete(parts[1]!);
        reply(200, { event: 'message_clear', topic: parts[0], sequence_id: parts[1] });
        return;
      }
      let message: Record<string, unknown>;
      if (parts.length === 0 && req.method === 'POST') {
        try {
          message = JSON.parse(body) as Record<string, unknown>;
        } catch {
          reply(400, { code: 40024, http: 400, error: 'invalid request: request body must be message JSON' });
          return;
        }
      } else if (parts.length === 1 && (req.method === 'POST' || req.method === 'PUT')) {
        const h = (name: string) => req.headers[name] as string | undefined;
        message = {
          topic: parts[0],
          message: body,
          ...(h('title') ?? h('x-title') ? { title: h('title') ?? h('x-title') } : {}),
          ...(h('priority') ?? h('x-priority') ? { priority: h('priority') ?? h('x-priority') } : {}),
          ...(h('tags') ?? h('x-tags') ? { tags: (h('tags') ?? h('x-tags') ?? '').split(',') } : {}),
          ...(h('click') ?? h('x-click') ? { click: h('click') ?? h('x-click') } : {}),
          ...(h('x-sequence-id') ? { sequence_id: h('x-sequence-id') } : {}),
          ...(h('markdown') ? { markdown: h('markdown') === 'yes' || h('markdown') === 'true' } : {}),
        };
      } else {
        reply(404, { code: 40401, http: 404, error: 'page not found' });
        return;
      }
      if (typeof message.topic !== 'string' || !TOPIC.test(message.topic)) {
        reply(400, { code: 40009, http: 400, error: 'invalid topic' });
        return;
      }
      if (message.sequence_id !== undefined && (typeof message.sequence_id !== 'string' || !TOPIC.test(message.sequence_id))) {
        reply(400, { code: 40049, http: 400, error: 'invalid sequence ID' });
        return;
      }
      if (Buffer.byteLength(typeof message.message === 'string' ? message.message : '', 'utf8') > 4096) {
        reply(413, { code: 41301, http: 413, error: 'message too large' });
        return;
      }
      record.message = message;
      const id = `m${++counter}`;
      notifications.set(typeof message.sequence_id === 'string' ? message.sequence_id : id, message);
      reply(200, { id, time: Math.floor(Date.now() / 1000), event: 'message', ...message });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    notifications,
    faults,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
