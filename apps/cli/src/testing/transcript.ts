import { writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { runCli, safeUser } from '../cli';
import { CliIo } from '../io';

/** One `$ command` of a documented terminal session, and the lines the documentation shows after it. */
export interface TranscriptStep {
  readonly command: string;
  readonly expected: readonly string[];
}

/** The ```text blocks of a Markdown document that show `contact-sync` sessions, each as its steps. */
export function transcriptsOf(markdown: string): TranscriptStep[][] {
  const blocks = [...markdown.matchAll(/^```text\n([\s\S]*?)^```$/gm)].map((m) => (m[1] as string).replace(/\n$/, '').split('\n'));
  return blocks
    .filter((lines) => lines[0]?.startsWith('$ npx contact-sync'))
    .map((lines) => {
      const steps: { command: string; expected: string[] }[] = [];
      for (const line of lines) {
        if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
        else steps[steps.length - 1]?.expected.push(line);
      }
      return steps;
    });
}

/** A terminal as a reader of the documentation sees it: one stream, questions answered `yes`, no progress bars. */
class TranscriptIo implements CliIo {
  text = '';
  /** What went to stdout when it is redirected to a file (`> FILE`), not shown. */
  stdout = '';
  readonly interactive = false;
  readonly env = {};
  readonly interrupt = new AbortController().signal;

  constructor(
    readonly stateDir: string,
    private readonly redirected: boolean,
  ) {}

  out(text: string): void {
    if (this.redirected) this.stdout += text;
    else this.text += text;
  }

  err(text: string): void {
    this.text += text;
  }

  async ask(question: string): Promise<string> {
    this.text += `${question}yes\n`;
    return 'yes';
  }
}

/** Where a reader runs the documented commands from: `--config docs/examples/…` names the repository's files. */
const REPOSITORY = resolve(__dirname, '..', '..', '..', '..');

/**
 * Runs documented steps in `dir` (the memory backend keeps its organization in `dir/.contact-sync`)
 * and returns what each printed. Besides `npx contact-sync …` (its stdout maybe redirected, `> FILE`) it knows
 * `echo $?` and `echo '…' > FILE`.
 * The operator the memory backend records as initiator (an IAM user named after the local user) is shown as `user/root`, whoever runs it.
 */
export async function runTranscript(steps: readonly TranscriptStep[], dir: string): Promise<string[]> {
  const printed: string[] = [];
  let lastCode = 0;
  for (const { command } of steps) {
    const words = shellWords(command);
    if (words[0] === 'npx' && words[1] === 'contact-sync') {
      const redirect = words.at(-2) === '>' ? words.at(-1) : undefined;
      const args = words
        .slice(2, redirect ? -2 : undefined)
        .map((word, i, all) =>
          isAbsolute(word) ? word : all[i - 1] === '--file' ? join(dir, word) : all[i - 1] === '--config' ? join(REPOSITORY, word) : word,
        );
      const io = new TranscriptIo(join(dir, '.contact-sync'), redirect !== undefined);
      lastCode = await runCli(args, io);
      if (redirect) writeFileSync(join(dir, redirect), io.stdout);
      // As a terminal shows it: CSV's CRLF line ends are line ends.
      printed.push(io.text.replaceAll(`:user/${safeUser()}`, ':user/root').replaceAll('\r\n', '\n'));
    } else if (command === 'echo $?') printed.push(`${lastCode}\n`);
    else if (words[0] === 'echo' && words[2] === '>' && words.length === 4) {
      writeFileSync(join(dir, words[3] as string), `${words[1]}\n`);
      printed.push('');
    } else throw new Error(`a documented step this runner does not know: ${command}`);
  }
  return printed;
}

/** Whether printed text matches the documented lines, where a line `…` stands for any number of lines. */
export function matchesDocumented(expected: readonly string[], printed: string): boolean {
  const actual = printed.replace(/\n$/, '').split('\n');
  if (printed === '') actual.length = 0;
  const match = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === '…') {
      for (let skip = a; skip <= actual.length; skip += 1) if (match(e + 1, skip)) return true;
      return false;
    }
    return a < actual.length && expected[e] === actual[a] && match(e + 1, a + 1);
  };
  return match(0, 0);
}

/** Splits a command line as a shell would for the simple cases documented: spaces, and '…' or "…" quoting. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? (m[3] as string));
}
