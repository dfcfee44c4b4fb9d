import { ProgressBar } from './progress-bar';

/** A terminal stand-in that records what is written. */
const terminal = () => {
  const written: string[] = [];
  return { stream: { isTTY: true, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
};

describe('ProgressBar', () => {
  it('ends its line once, and draws nothing after that (a report follows Ctrl-C)', () => {
    const { stream, written } = terminal();
    const bar = new ProgressBar(stream, 'chaos');
    bar.update(1, 4);
    bar.done();
    bar.update(2, 4);
    bar.done();
    expect(written).toEqual(['\rchaos [########......................] 25% 1/4', '\n']);
  });

  it('draws nothing on a stream that is not a terminal', () => {
    const { stream, written } = terminal();
    (stream as { isTTY: boolean }).isTTY = false;
    const bar = new ProgressBar(stream, 'chaos');
    bar.update(1, 4);
    bar.done();
    expect(written).toEqual([]);
  });
});
