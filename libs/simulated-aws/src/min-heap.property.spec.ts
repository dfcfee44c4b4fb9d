import fc from 'fast-check';
import { MinHeap } from './min-heap';

const operations = fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant('pop' as const)), { maxLength: 200 });

describe('MinHeap', () => {
  it('pops the smallest item pushed and not yet popped, whatever the order of pushes and pops', () => {
    fc.assert(
      fc.property(operations, (ops) => {
        const heap = new MinHeap<number>((a, b) => a < b);
        const model: number[] = [];
        for (const op of ops) {
          if (op === 'pop') {
            model.sort((a, b) => a - b);
            expect(heap.pop()).toBe(model.shift());
          } else {
            heap.push(op);
            model.push(op);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model.length === 0 ? undefined : Math.min(...model));
        }
      }),
      { numRuns: 300 },
    );
  });
});
