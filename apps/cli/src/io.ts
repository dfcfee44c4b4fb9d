import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT } from './cli-error';

/** Everything the CLI reads from and writes to its surroundings, so that tests can stand in for it. */
export interface CliIo {
  /** Results (tables, JSON). */
  out(text: string): void;
  /** Progress, prompts and errors. */
  err(text: string): void;
  /** Asks a question on the terminal; undefined when there is no terminal to ask. */
  ask(question: string): Promise<string | undefined>;
  /** True when `err` is a terminal (progress bars are drawn only there). */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the memory backend keeps its simulated organization unless --state-dir says; undefined: nowhere (fresh for each command). */
  readonly stateDir?: string;
  /** Aborted on Ctrl-C. */
  readonly interrupt: AbortSignal;
  /** The wall clock of progress lines and their estimates (Date.now when absent); tests pass their own. */
  readonly now?: () => number;
}

/**
 * The real terminal. Ctrl-C aborts `interrupt` once; a second Ctrl-C exits at once. A reader that
 * closes the pipe early (`contact-sync plan | head -3`) ends the command quietly, as other tools do.
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(EXIT.OK);
    });
  }
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping after the calls in flight (Ctrl-C again to quit now)…\n');
    controller.abort();
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    async ask(question) {
      if (!process.stdin.isTTY) return undefined;
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
    interactive: Boolean(process.stderr.isTTY),
    env: process.env,
    stateDir: join(process.cwd(), '.contact-sync'),
    interrupt: controller.signal,
  };
}
