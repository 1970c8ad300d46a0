/** Where the app reads the time: tests pass a clock they move by hand instead of sleeping. */
export interface Clock {
  now(): Date;
}
