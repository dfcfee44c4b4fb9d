import { CliIo } from '../io';

/** A terminal stand-in: captured output, scripted answers, a Ctrl-C button. */
export class TestIo implements CliIo {
  stdout = '';
  stderr = '';
  readonly questions: string[] = [];
  readonly controller = new AbortController();
  readonly interrupt = this.controller.signal;
  /** Called with every stderr write, e.g. to press Ctrl-C at a given moment. */
  onErr?: (text: string) => void;
  /** The wall clock progress lines read; the real one unless a test sets it. */
  now?: () => number;

  constructor(
    private readonly answers: (string | undefined)[] = [],
    readonly env: Record<string, string | undefined> = {},
    readonly interactive = false,
  ) {}

  out(text: string): void {
    this.stdout += text;
  }

  err(text: string): void {
    this.stderr += text;
    this.onErr?.(text);
  }

  async ask(question: string): Promise<string | undefined> {
    this.questions.push(question);
    return this.answers.shift();
  }

  json<T = Record<string, unknown>>(): T {
    return JSON.parse(this.stdout) as T;
  }
}
