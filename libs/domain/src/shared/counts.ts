/**
 * How many items share each key (items whose key is undefined are not counted), with the keys in
 * order, so that equal counts serialise alike.
 */
export function sortedCountsBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Record<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}
