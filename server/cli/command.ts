/** Where a command writes, and the environment it reads (so tests can give their own). */
export interface CliIo {
  out(text: string): void;
  error(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** One subcommand of `countersign`. */
export interface CliCommand {
  name: string;
  /** Its arguments, for the help text: "verify [--data <folder>]". */
  usage: string;
  summary: string;
  /** Runs it; resolves with the exit code (0 success, 1 a check failed, 2 a usage or set-up error). */
  run(args: string[], io: CliIo): Promise<number>;
}
