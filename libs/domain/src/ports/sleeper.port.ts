/** Waiting. Virtual time in the simulator (no real sleeping); a timer in production. */
export interface SleeperPort {
  /** Resolves after `milliseconds`. */
  sleep(milliseconds: number): Promise<void>;
}
