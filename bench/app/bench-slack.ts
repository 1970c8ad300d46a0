// Credentials and messages shared by the app benchmarks and the server processes they start.
export const BENCH_SIGNING_SECRET = 'bench-signing-secret';
export const BENCH_BOT_TOKEN = 'xoxb-bench-token';

export type ChildMessage =
  | { type: 'ready'; port: number }
  | {
      type: 'memory';
      rss: number;
      heapUsed: number;
      heapTotal: number;
      external: number;
      arrayBuffers: number;
    };
