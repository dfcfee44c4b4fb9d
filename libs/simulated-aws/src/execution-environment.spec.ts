import { ExecutionEnvironment, SimulatedCrash } from './execution-environment';
import { SeededRandom } from './seeded-random';
import { VirtualTime } from './virtual-time';

/** A port as the simulated deployment's are: a class with state, async and sync methods, and a getter. */
class Store {
  readonly written: string[] = [];
  label = 'store';

  async put(value: string): Promise<number> {
    this.written.push(value);
    return this.written.length;
  }

  async putAll(values: readonly string[]): Promise<void> {
    this.written.push(...values);
  }

  count(): number {
    return this.written.length;
  }

  get size(): number {
    return this.written.length;
  }
}

const START = Date.UTC(2026, 10, 22, 9, 0, 0);
const environment = (rates: Record<string, number> = {}, onCrash?: (point: string) => void) => {
  const time = new VirtualTime(START);
  return { time, env: new ExecutionEnvironment('env-1', time, { random: new SeededRandom(1), rates, onCrash }) };
};

describe('ExecutionEnvironment.wrap', () => {
  it("calls the port's own methods on the port, with their arguments and results, and reads its other properties", async () => {
    const store = new Store();
    const port = environment().env.wrap(store, 'store');
    expect(await port.put('a')).toBe(1);
    expect(port.count()).toBe(1);
    expect(port.size).toBe(1);
    expect(port.label).toBe('store');
    expect(store.written).toEqual(['a']);
  });

  it('calls a method replaced on the port after wrapping (a test spy), not the one it had', async () => {
    const store = new Store();
    const port = environment().env.wrap(store, 'store');
    store.put = async () => 42;
    expect(await port.put('a')).toBe(42);
    expect(store.written).toEqual([]);
  });

  it('dies right after a call took effect, as its plan says by method or by port.*, and refuses every call after', async () => {
    for (const rates of [{ 'store.put': 1 }, { 'store.*': 1 }] as Record<string, number>[]) {
      const crashes: string[] = [];
      const store = new Store();
      const { env } = environment(rates, (point) => crashes.push(point));
      const port = env.wrap(store, 'store');
      await expect(port.put('a')).rejects.toBeInstanceOf(SimulatedCrash);
      expect(store.written).toEqual(['a']);
      expect(crashes).toEqual(['store.put']);
      expect(env.dead).toBe(true);
      expect(() => port.count()).toThrow(SimulatedCrash);
    }
  });

  it('never dies at a method its plan does not name', async () => {
    const store = new Store();
    const { env } = environment({ 'store.putAll': 1 });
    const port = env.wrap(store, 'store', ['putAll']);
    for (let i = 0; i < 20; i++) await port.put(`v${i}`);
    expect(env.dead).toBe(false);
  });

  it('carries out only the first part of a list before dying, for a method named as split', async () => {
    const store = new Store();
    const { env } = environment({ 'store.putAll': 1 });
    const port = env.wrap(store, 'store', ['putAll']);
    await expect(port.putAll(['a', 'b', 'c', 'd'])).rejects.toBeInstanceOf(SimulatedCrash);
    expect(store.written.length).toBeGreaterThanOrEqual(1);
    expect(store.written.length).toBeLessThan(4);
    expect(store.written).toEqual(['a', 'b', 'c', 'd'].slice(0, store.written.length));
  });

  it('dies at the first call after its invocation outlived its deadline', async () => {
    const store = new Store();
    const { env, time } = environment();
    const port = env.wrap(store, 'store');
    env.begin(START + 1000);
    await port.put('in time');
    time.advance(1001);
    await expect(async () => port.put('too late')).rejects.toThrow('timeout at store.put');
    expect(store.written).toEqual(['in time']);
  });
});
