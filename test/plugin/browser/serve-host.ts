// The local HTTP server for the Chromium layer: the host page, the built plugin, and one vault folder read from and written to disk.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { spawnSync } from 'node:child_process';

/** One request the page made. */
export interface SeenRequest {
  method: string;
  path: string;
  /** Who says they made it: the host's storage layer, its loader, or nobody (anything else). */
  role: string | null;
}

/** A running server. */
export interface HostServer {
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** The repository root when running from source (vitest); a bundled benchmark passes its working directory instead. */
const DEFAULT_ROOT = resolve(import.meta.dirname, '../../..');
const here = (root: string) => join(root, 'test', 'plugin', 'browser');

/** Bundle the host script (mock API + loader) once; esbuild runs in a child process like the wiring bundle. */
export function buildHostScript(outfile: string, root = DEFAULT_ROOT): void {
  const script = `require('esbuild').buildSync({ entryPoints: [${JSON.stringify(join(here(root), 'host', 'host-main.ts'))}], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', outfile: ${JSON.stringify(outfile)}, logLevel: 'warning' })`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`host bundle failed:\n${r.stderr}`);
}

async function listMarkdown(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listMarkdown(full, base)));
    else if (entry.name.endsWith('.md')) out.push(relative(base, full).split(sep).join('/'));
  }
  return out;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((res, rej) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rej);
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };

/** Serve `vaultDir` with the host page on 127.0.0.1 (a free port). */
export async function startHostServer(vaultDir: string, hostJs: string, root = DEFAULT_ROOT): Promise<HostServer> {
  const requests: SeenRequest[] = [];
  const statics: Record<string, string> = {
    '/host.html': join(here(root), 'host.html'),
    '/host/theme.css': join(here(root), 'theme.css'),
    '/host/host.js': hostJs,
    '/plugin/main.js': join(root, 'main.js'),
    '/plugin/styles.css': join(root, 'styles.css'),
    '/plugin/manifest.json': join(root, 'manifest.json'),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = decodeURIComponent(url.pathname);
      const role = req.headers['x-vigil-host'];
      requests.push({ method: req.method ?? 'GET', path, role: typeof role === 'string' ? role : null });
      try {
        if (req.method === 'GET' && statics[path]) {
          res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(await readFile(statics[path]));
        } else if (req.method === 'GET' && path === '/api/vault') {
          const files: Record<string, string> = {};
          for (const p of await listMarkdown(vaultDir)) files[p] = await readFile(join(vaultDir, p), 'utf8');
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ files }));
        } else if (req.method === 'PUT' && path.startsWith('/vault/')) {
          const target = resolve(vaultDir, path.slice('/vault/'.length));
          if (!target.startsWith(resolve(vaultDir) + sep)) throw new Error('outside the vault');
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, await body(req), 'utf8');
          res.writeHead(204).end();
        } else res.writeHead(404).end();
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
