/** The current time. Virtual in the simulator and in tests; the system clock in production. */
export interface ClockPort {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
