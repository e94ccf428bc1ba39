// Countersign's command line, beside the server: `node dist-server/cli.js <command>` after
// `npm run build`, or `node --import tsx server/cli.ts <command>` from the sources (`npm run
// verify` runs the verify command). One subcommand per file under cli/; add new ones to COMMANDS.
import { backupCommand } from './cli/backupCommand';
import type { CliCommand, CliIo } from './cli/command';
import { exportCommand, importCommand } from './cli/moveCommands';
import { verifyCommand } from './cli/verifyCommand';

const COMMANDS: CliCommand[] = [verifyCommand, exportCommand, importCommand, backupCommand];

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    'Usage: countersign <command>',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    '',
  ].join('\n');
}

/** Runs the command line; resolves with the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    io.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  error: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
