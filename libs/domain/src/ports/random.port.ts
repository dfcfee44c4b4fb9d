/** A source of uniform randomness, seeded in the simulator and in tests. */
export interface RandomPort {
  /** A number in [0, 1). */
  next(): number;
}
