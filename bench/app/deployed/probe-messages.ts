// What the probe preloaded into a measured process answers over IPC.
export type ProbeAnswer =
  | {
      type: 'memory';
      /** RSS when asked, before any forced collection. */
      rssAsFound: number;
      /** RSS after two full garbage collections. */
      rss: number;
      heapUsed: number;
      external: number;
      /** Whether the process ran with --expose-gc (false: rss is as found). */
      collected: boolean;
    }
  | {
      type: 'heap-snapshot';
      /** Where the snapshot was written. */
      file: string;
    }
  | {
      type: 'packages';
      /** Real paths of the package folders (…/node_modules/<name>) whose files are in require.cache. */
      packages: string[];
      /** TypeScript files loaded (a tsx loader would put them there): must be none. */
      typeScriptFiles: string[];
      modules: number;
    };
