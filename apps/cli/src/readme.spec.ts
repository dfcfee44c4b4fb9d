import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { matchesDocumented, runTranscript, transcriptsOf } from './testing/transcript';

// The README's contact-sync sessions are what a reader gets: each is run, in the README's order,
// against the memory backend kept in one fresh directory, and must print what the README shows.
const README = readFileSync(resolve(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const sessions = transcriptsOf(README);
const againstAws = sessions.filter((steps) => steps.some((s) => s.command.includes('--backend aws')));
const offline = sessions.filter((steps) => !againstAws.includes(steps));

describe('the README operator CLI examples', () => {
  it('are all offline (memory backend) but the one replay-failed-events session against AWS', () => {
    expect(againstAws.map((steps) => steps.map((s) => s.command))).toEqual([['npx contact-sync replay-failed-events --backend aws']]);
    expect(offline.length).toBeGreaterThanOrEqual(7);
  });

  it('print what the README shows, run in order from a fresh organization', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contact-sync-readme-'));
    for (const steps of offline) {
      const printed = await runTranscript(steps, dir);
      steps.forEach((step, i) => {
        const shown = printed[i] as string;
        if (!matchesDocumented(step.expected, shown))
          throw new Error(`README: "$ ${step.command}" printed:\n${shown}\nbut the README shows:\n${step.expected.join('\n')}`);
      });
    }
  });
});

describe('matchesDocumented', () => {
  it('matches lines exactly, where … stands for any number of lines, none included', () => {
    expect(matchesDocumented(['a', 'b'], 'a\nb\n')).toBe(true);
    expect(matchesDocumented(['a', 'b'], 'a\nc\n')).toBe(false);
    expect(matchesDocumented(['a', '…', 'd'], 'a\nb\nc\nd\n')).toBe(true);
    expect(matchesDocumented(['a', '…', 'd'], 'a\nd\n')).toBe(true);
    expect(matchesDocumented(['a', '…'], 'a\n')).toBe(true);
    expect(matchesDocumented(['a'], 'a\nb\n')).toBe(false);
    expect(matchesDocumented([], '')).toBe(true);
    expect(matchesDocumented([], 'x\n')).toBe(false);
  });
});
