// A loopback server speaking Ollama's HTTP API (/api/chat, /api/generate): a good answer, garbage, a hang or a 500,
// and a record of every prompt it was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the stub answers. */
export type OllamaMode = { kind: 'good'; text: string } | { kind: 'garbage'; text: string } | { kind: 'hang' } | { kind: 'error' };

/** The running stub. */
export interface OllamaServer {
  url: string;
  mode: OllamaMode;
  /** Raw request bodies (the prompts). */
  prompts: string[];
  close(): Promise<void>;
}

/** Start the stub in a mode; change `mode` between runs. */
export async function startOllamaServer(mode: OllamaMode): Promise<OllamaServer> {
  const state: OllamaServer = { url: '', mode, prompts: [], close: async () => undefined };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      state.prompts.push(body);
      if (req.url !== '/api/chat' && req.url !== '/api/generate') {
        res.writeHead(404).end('404 page not found');
        return;
      }
      const m = state.mode;
      if (m.kind === 'hang') {
        hanging.add(res);
        return;
      }
      if (m.kind === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'model "llama3.2" not found, try pulling it first' }));
        return;
      }
      let model = 'llama3.2';
      try {
        model = (JSON.parse(body) as { model?: string }).model ?? model;
      } catch {
        // the reply does not depend on it
      }
      const reply =
        req.url === '/api/chat'
          ? { model, created_at: new Date(0).toISOString(), message: { role: 'assistant', content: m.text }, done: true, done_reason: 'stop', total_duration: 1, eval_count: 12 }
          : { model, created_at: new Date(0).toISOString(), response: m.text, done: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise((r) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return state;
}
