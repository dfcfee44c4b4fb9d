import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/**
 * The shape of libs/domain, read from its source: the folders' imports run one way (no folder imports
 * from a folder that, directly or through others, imports it back) and no file grows past
 * {@link MAX_LINES}. Specs are left out of both: they sit beside the code they test and may reach for
 * any helper; testing/ (helpers for specs and for other projects' tests) is held like any folder.
 */

const SRC = __dirname;
const MAX_LINES = 250;

/**
 * Files over {@link MAX_LINES} lines today, each being split by its own piece of work. Once a split
 * lands, its file leaves this list; the list is meant to end empty.
 */
const KNOWN_OVERSIZED_FILES: readonly string[] = [];

/** Every non-spec TypeScript file under the domain's source, as a path relative to it with forward slashes. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

/** The relative module specifiers a file imports or re-exports from, by `from '…'`, `import('…')` or `import '…'`. */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g)].map((match) => match[1] as string);
}

/** The top-level folder of a file ('' for a file at the root, such as index.ts). */
const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '');

/** For each folder, the folders its files import from, with one importing file and specifier per edge (for the message). */
function folderImports(files: readonly string[], read: (file: string) => string): Map<string, Map<string, string>> {
  const edges = new Map<string, Map<string, string>>();
  for (const file of files) {
    const from = folderOf(file);
    if (from === '') continue;
    for (const specifier of relativeImports(read(file))) {
      const to = folderOf(posix.normalize(posix.join(posix.dirname(file), specifier)));
      if (to === from) continue;
      const targets = edges.get(from) ?? new Map<string, string>();
      if (!targets.has(to)) targets.set(to, `${file} imports '${specifier}'`);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** Every import from a folder into a folder that reaches back to it: each one line naming the file, the specifier and the way back. */
function upwardImports(edges: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  const pathBetween = (start: string, goal: string): string[] | undefined => {
    const seen = new Set<string>([start]);
    const queue: string[][] = [[start]];
    for (let path = queue.shift(); path; path = queue.shift()) {
      const at = path[path.length - 1] as string;
      if (at === goal) return path;
      for (const next of edges.get(at)?.keys() ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push([...path, next]);
      }
    }
    return undefined;
  };
  const found: string[] = [];
  for (const [from, targets] of edges) {
    for (const [to, example] of targets) {
      const back = pathBetween(to, from);
      if (back) found.push(`${from}/ -> ${to}/ (${example}), but ${back.join('/ -> ')}/`);
    }
  }
  return found.sort();
}

const files = sourceFiles();
const read = (file: string): string => readFileSync(join(SRC, file), 'utf8');

describe('libs/domain architecture', () => {
  it('reads the source it checks: every folder of the domain, with their imports', () => {
    const folders = new Set(files.map(folderOf));
    for (const folder of ['accounts', 'contacts', 'config', 'ports', 'resilience', 'sync', 'targeting', 'use-cases']) {
      expect(folders).toContain(folder);
    }
    expect(folderImports(files, read).get('use-cases')?.has('ports')).toBe(true);
  });

  it('has no folder importing from a folder that (directly or through others) imports it back', () => {
    expect(upwardImports(folderImports(files, read))).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines, but for the known ones being split`, () => {
    const lines = (file: string) => read(file).split('\n').length - (read(file).endsWith('\n') ? 1 : 0);
    const oversized = files.filter((file) => lines(file) > MAX_LINES);
    expect(oversized.filter((file) => !KNOWN_OVERSIZED_FILES.includes(file))).toEqual([]);
    // A known file that has been split must leave the list, so that it cannot grow back unseen.
    expect(KNOWN_OVERSIZED_FILES.filter((file) => !oversized.includes(file))).toEqual([]);
  });

  it('finds a cycle through several folders, and names the import that closes it', () => {
    const edges = new Map([
      ['sync', new Map([['ports', 'sync/a.ts imports x']])],
      ['ports', new Map([['config', 'ports/b.ts imports y']])],
      ['config', new Map([['sync', 'config/c.ts imports z']])],
      ['contacts', new Map([['shared', 'contacts/d.ts imports w']])],
    ]);
    expect(upwardImports(edges)).toEqual([
      'config/ -> sync/ (config/c.ts imports z), but sync/ -> ports/ -> config/',
      'ports/ -> config/ (ports/b.ts imports y), but config/ -> sync/ -> ports/',
      'sync/ -> ports/ (sync/a.ts imports x), but ports/ -> config/ -> sync/',
    ]);
  });
});
