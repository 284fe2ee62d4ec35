// Build remote command lines from argument vectors: every argument single-quoted, nothing interpreted by the shell.

/** Quote one argument for a POSIX shell: `'…'` with embedded quotes as `'\''`. */
export function quoteArg(arg: string): string {
  if (arg.includes('\u0000')) throw new Error('arguments cannot contain NUL bytes');
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

/**
 * The command line sent to the remote shell. The locale is forced to C (output parses the same
 * everywhere; sudo keeps LANG and LC_* by default, so a sudoers rule only needs the command itself).
 * With `sudo`, `sudo -n` never prompts: it fails when a password would be needed. With
 * `timeoutSeconds`, coreutils/busybox `timeout` ends the command on the remote side too — closing an
 * SSH channel does not stop a command without a terminal, and OpenSSH ignores signal requests for
 * root sessions.
 */
export function buildRemoteCommand(argv: readonly string[], sudo: boolean, timeoutSeconds?: number): string {
  if (argv.length === 0) throw new Error('empty command');
  const env = ['env', 'LC_ALL=C', 'LANG=C'];
  const command = [...(sudo ? ['sudo', '-n', '--'] : []), ...argv];
  const plain = [...env, ...command].map(quoteArg).join(' ');
  if (timeoutSeconds === undefined) return plain;
  const limited = [...env, 'timeout', '-k', '2', String(Math.max(1, Math.ceil(timeoutSeconds))), ...command].map(quoteArg).join(' ');
  // One round trip: use `timeout` where the machine has it, run the command bare where it does not.
  return `if command -v timeout >/dev/null 2>&1; then exec ${limited}; else exec ${plain}; fi`;
}

/** Recognise sudo's refusals (no rule, or a password would be required) in stderr. */
export function sudoRefusal(stderr: string): string | null {
  const line = stderr.split('\n').find((l) => /^sudo: /.test(l) && /password is required|not in the sudoers|not allowed to (run|execute)|may not run sudo/.test(l));
  return line ? line.replace(/^sudo: /, '').trim() : null;
}
