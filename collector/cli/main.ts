// The CLI entry and its one error boundary: the only place that turns errors into exit codes.
import { ConfigError } from '../errors/config-error';
import { VigilError } from '../errors/vigil-error';
import { UsageError } from '../errors/usage-error';
import { VERSION } from '../version';
import { captureCommand } from './commands/capture';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { doctorCommand } from './commands/doctor';
import { exportRunbookCommand } from './commands/export-runbook';
import { initCommand } from './commands/init';
import { listCommand } from './commands/list';
import { replayCommand } from './commands/replay';
import { runCommand } from './commands/run';
import { scheduleCommand } from './commands/schedule';
import { trustCommand } from './commands/trust';
import { COMMAND_HELP, OVERVIEW } from './help';

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  run: runCommand,
  check: checkCommand,
  list: listCommand,
  capture: captureCommand,
  replay: replayCommand,
  demo: demoCommand,
  init: initCommand,
  doctor: doctorCommand,
  schedule: scheduleCommand,
  trust: trustCommand,
  'export-runbook': exportRunbookCommand,
};

/** Run the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(OVERVIEW);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`vigil ${VERSION}\n`);
    return 0;
  }
  if (command === 'help') {
    const topic = rest[0];
    process.stdout.write(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : OVERVIEW);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`vigil: unknown command "${command}"\n\n${OVERVIEW}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(COMMAND_HELP[command] ?? OVERVIEW);
    return 0;
  }
  try {
    return await run(rest);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.stderr.write(`vigil: the config has ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was run\n`);
    } else if (error instanceof UsageError) {
      process.stderr.write(`vigil ${error.message}\nSee: vigil ${command} --help\n`);
    } else if (error instanceof VigilError) {
      process.stderr.write(`vigil ${command}: ${error.message}\n`);
    } else {
      process.stderr.write(`vigil ${command}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.VIGIL_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return 2;
  }
}

/** Entry point of the built binary. */
export function start(): void {
  // Only this function sets the exit code: everything else returns.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // A check that ignored its abort signal must not keep a cron job alive forever.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`vigil: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
