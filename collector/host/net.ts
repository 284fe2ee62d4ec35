// HTTP (over TCP or a unix socket, or any duplex stream) and TLS handshakes for the hosts that run them locally.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { ProbeError } from '../errors/probe-error';
import { toProbeError } from './probe-errors';
import type { HttpRequest, HttpResponse, TlsRequest, TlsResult } from './host';

const DEFAULT_HTTP_TIMEOUT = 15_000;
const MAX_BODY = 32 * 1024 * 1024;

/** Perform one HTTP request. `connect` supplies the connection (e.g. an SSH stream) instead of a socket. */
export function httpRequest(request: HttpRequest, connect?: () => Duplex): Promise<HttpResponse> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT;
  const target = request.socketPath || connect ? new URL(request.url, 'http://localhost') : new URL(request.url);
  const isHttps = target.protocol === 'https:';
  const lib = isHttps ? https : http;
  const what = request.socketPath ? `unix:${request.socketPath}${target.pathname}` : `${target.origin}${target.pathname}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = lib.request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: request.method ?? 'GET',
        headers: { accept: 'application/json', ...(request.headers ?? {}) },
        ...(request.socketPath ? { socketPath: request.socketPath } : {}),
        ...(connect ? { createConnection: connect } : {}),
        ...(isHttps ? { ca: request.ca, rejectUnauthorized: !request.insecure } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            req.destroy();
            done(() => reject(new ProbeError('ETOOBIG', `${what}: response larger than ${MAX_BODY} bytes`)));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          done(() => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
          }),
        );
        res.on('error', (error) => done(() => reject(toProbeError(error, what))));
      },
    );
    const onAbort = () => {
      req.destroy();
      done(() => reject(new ProbeError('ETIMEDOUT', `${what}: aborted`)));
    };
    const timer = setTimeout(() => {
      req.destroy();
      done(() => reject(new ProbeError('ETIMEDOUT', `${what}: no answer within ${timeoutMs} ms`)));
    }, timeoutMs);
    request.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => done(() => reject(toProbeError(error, what))));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** DER to PEM. */
function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Handshake with a TLS endpoint and return its chain and verification verdict (never sends application data).
 * `transport` carries the handshake over an existing stream (an SSH forward) instead of a new TCP connection.
 */
export function tlsHandshake(request: TlsRequest, transport?: Duplex): Promise<TlsResult> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT;
  const what = `${request.host}:${request.port}`;
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...(transport ? { socket: transport } : { host: request.host, port: request.port }),
      servername: request.servername ?? (/^[\d.]+$|:/.test(request.host) ? undefined : request.host),
      ...(request.ca ? { ca: request.ca } : {}),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeError('ETIMEDOUT', `${what}: no TLS handshake within ${timeoutMs} ms`));
    }, timeoutMs);
    const onAbort = () => {
      socket.destroy();
      clearTimeout(timer);
      reject(new ProbeError('ETIMEDOUT', `${what}: aborted`));
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      const chain: string[] = [];
      const seen = new Set<string>();
      let cert = socket.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
      while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        chain.push(toPem(cert.raw));
        cert = cert.issuerCertificate;
      }
      const authError = socket.authorizationError;
      resolve({
        chainPem: chain,
        authorizationError: authError ? String((authError as { code?: string }).code ?? authError) : null,
        protocol: socket.getProtocol(),
      });
      socket.end();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      reject(toProbeError(error, what));
    });
  });
}
