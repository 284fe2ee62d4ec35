// The base of every error Vigil raises on purpose: a name, a stable code and an optional cause.

/** Base class: `code` is stable and greppable, `message` is for people. */
export class VigilError extends Error {
  override readonly name: string = 'VigilError';
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The message of any thrown value, without a stack. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
