// The Host interface: the only way a check touches a machine (commands, files, HTTP, TLS), local, remote or replayed.

/** Options for running a command. */
export interface ExecOptions {
  /** Kill the command after this long (default: the check's remaining time). */
  timeoutMs?: number;
  /** Run through `sudo -n` (only when the host config allows sudo). */
  sudo?: boolean;
  /** Stop reading output after this many bytes (default 16 MiB); `truncated` says so. */
  maxBytes?: number;
  signal?: AbortSignal;
}

/** What a command answered. `code` is null when it was killed by a signal. */
export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
  truncated?: boolean;
}

/** File types as the checks care about them. */
export type FileType = 'file' | 'dir' | 'symlink' | 'other';

/** The stat fields checks use. `mode` holds permission bits only (e.g. 0o600). */
export interface FileStat {
  type: FileType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
}

/** One directory entry. */
export interface DirEntry {
  name: string;
  type: FileType;
}

/** An HTTP request, over TCP (`url`) or a unix socket (`socketPath` + path in `url`). */
export interface HttpRequest {
  /** `http://host:port/path`, `https://…`, or just `/path` with `socketPath`. */
  url: string;
  socketPath?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** PEM CA bundle to trust for https, in addition to nothing else. */
  ca?: string;
  /** Accept a certificate that does not verify (self-signed controllers). */
  insecure?: boolean;
  signal?: AbortSignal;
}

/** An HTTP answer; the body is text (the APIs we read are JSON). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a TLS handshake showed: the peer chain and whether it verified. */
export interface TlsResult {
  /** Peer certificates, leaf first, as PEM. */
  chainPem: string[];
  /** Null when the chain verified against the trusted CAs; otherwise OpenSSL's reason code. */
  authorizationError: string | null;
  protocol: string | null;
}

/** A TLS endpoint to probe. */
export interface TlsRequest {
  host: string;
  port: number;
  servername?: string;
  ca?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Options for reading a file. */
export interface ReadOptions {
  /** Refuse (ETOOBIG) files larger than this (default 64 MiB). */
  maxBytes?: number;
  sudo?: boolean;
  signal?: AbortSignal;
}

/** A machine a check can look at. Every method is read-only by contract. */
export interface Host {
  readonly name: string;
  readonly kind: 'local' | 'ssh' | 'replay';
  exec(argv: readonly string[], options?: ExecOptions): Promise<ExecResult>;
  /** Whole file, for small files. Throws ProbeError (ENOENT, EACCES, ETOOBIG…). */
  readFile(path: string, options?: ReadOptions): Promise<Buffer>;
  /** A file as a stream of chunks, for logs of any size. */
  readStream(path: string, options?: ReadOptions): AsyncIterable<Buffer>;
  /** Stat without following the last symlink; null when the path does not exist. */
  stat(path: string): Promise<FileStat | null>;
  list(path: string): Promise<DirEntry[]>;
  http(request: HttpRequest): Promise<HttpResponse>;
  tls(request: TlsRequest): Promise<TlsResult>;
  close(): Promise<void>;
}

/** Default caps, shared by every host implementation. */
export const DEFAULT_MAX_EXEC_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_READ_BYTES = 64 * 1024 * 1024;
