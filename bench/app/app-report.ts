// BENCHMARKS.md sections for the benchmarks that run the app: command latency, weekly fan-out, memory.
import { readResult } from '../support/results';
import type { Spread } from '../support/stats';
import { fixed, showSpread, stampLine, verdict } from '../support/format';
import type { FanoutResults } from './run-fanout';
import type { LatencyResults } from './run-latency';

const ms = (value: number) => `${fixed(value, 2)} ms`;
const times = (s: Spread) => showSpread(s, '×', 2);

export function latencySection(): string[] {
  const out = ['## 2. Command latency', ''];
  const stamped = readResult<LatencyResults>('latency');
  if (stamped === null) return [...out, 'Not measured yet: run `npm run bench:latency`.', ''];
  const d = stamped.data;
  const worst = d.p99Ratio.median;
  out.push(
    stampLine(stamped),
    '',
    `The real app (\`startApp\`, HTTP mode, port 0, ${d.members.toLocaleString('en')} members and ${d.pairs.toLocaleString('en')} pairs ` +
      'stored in SQLite, logs at info to a file, scheduler off so that no prompt run competes with the commands) and a bare ' +
      'Bolt app (`App` + `HTTPReceiver`, its `/mentor` handler only calls `ack()`), each in its own Node process, both ' +
      'against the fake Slack. The same sequence of signed `/mentor help`, `/mentor status` and `/mentor offer` (which ' +
      'opens a modal) requests, one at a time, alternating which app goes first; the figure is the time until the HTTP ' +
      `response (the acknowledgement) arrives. 90 warm-up requests each, then ${d.rounds.length} rounds of ` +
      `${d.requestsPerRound} requests per app.`,
    '',
    `- **p99 app / bare: ${times(d.p99Ratio)}** (target ≤ 1.1×) — ${verdict(worst <= 1.1)}.`,
    `- p50 app / bare: ${times(d.p50Ratio)}.`,
    `- p99 app / bare per command: ${Object.entries(d.perCommandP99Ratio)
      .map(([command, s]) => `${command} ${times(s)}`)
      .join(', ')}.`,
    `- Requests answered with anything but 200: ${d.rounds.reduce((sum, r) => sum + r.errors, 0)}.`,
    '',
    ...whereTheTimeGoes(d, worst <= 1.1),
    '| round | command | app p50 | app p99 | bare p50 | bare p99 | p99 app / bare |',
    '|---|---|---|---|---|---|---|',
  );
  d.rounds.forEach((r, k) => {
    for (const command of ['help', 'status', 'offer', 'all'] as const) {
      const app = r.app[command];
      const bare = r.bare[command];
      out.push(
        `| ${k + 1} | ${command} | ${ms(app.p50)} | ${ms(app.p99)} | ${ms(bare.p50)} | ${ms(bare.p99)} | ${fixed(app.p99 / bare.p99, 2)}× |`,
      );
    }
  });
  out.push('');
  return out;
}

/** Shown whether the target is met or not: the p99 ratio alone swings with the machine's noise. */
function whereTheTimeGoes(d: LatencyResults, met: boolean): string[] {
  const missedCommands = Object.entries(d.perCommandP99Ratio)
    .filter(([, s]) => s.median > 1.1)
    .map(([command]) => `\`${command}\``);
  return [
    (met
      ? '**What the figures say.** The target is met by the median over all commands, but only with the noise in ' +
        'its favour: ' +
        (missedCommands.length === 0
          ? 'every command is within it too. '
          : `per command, ${missedCommands.join(' and ')} stay above 1.1× at p99, and the p50 ratio is well above it. `)
      : '**Why the target is missed, and what was done.** ') +
      'The p50 figures show the work each command does before it can answer; the bare app does none. Every request ' +
      "gets the app's payload check and a request id, and after the acknowledgement one log line; `/mentor help` " +
      'answers with a message body (the bare acknowledgement is empty); `/mentor status` reads the member, offer, ' +
      "request, proposals, pairs, partners' names, prompt counts and feedback. Those reads are now prepared once per " +
      "repository (drizzle's `.prepare()` with placeholders) instead of being built by drizzle and prepared by " +
      'better-sqlite3 on every call: 0.36 ms per status at 10k members and 5k pairs, down from 3.8 ms (timed ' +
      'in-process on the same data). Before that, status looked pairs up with `mentor = ? or mentee = ?`, which made ' +
      'SQLite read every active pair of the workspace (1.3 ms per call at 5k pairs). `/mentor offer` acknowledges ' +
      'first and opens the modal afterwards. What is left is about 1 ms at p50 when the two apps run interleaved on ' +
      'this loaded machine (0.2 ms for `/mentor help` run alone, 1.56 vs 1.34 ms): the app process also does its ' +
      "post-acknowledgement work (the log line's write, garbage collection) on the same two cores. At p99 the " +
      'scheduling noise of this shared 2-core machine (stalls of 5–20 ms that hit both apps) is larger than the work ' +
      'itself, so the p99 ratio swings between rounds. An acknowledgement that reads nothing (the bare app) stays ' +
      'the floor.',
    '',
  ];
}

export function memorySection(): string[] {
  const out = ['## 4. Memory', ''];
  const stamped = readResult<LatencyResults>('latency');
  if (stamped === null)
    return [...out, 'Not measured yet: run `npm run bench:latency` (it measures memory too).', ''];
  const m = stamped.data.memory;
  out.push(
    stampLine(stamped),
    '',
    `Each app in a fresh process of its own: the real app with ${m.members.toLocaleString('en')} members and ` +
      `${m.pairs.toLocaleString('en')} pairs stored, and the bare Bolt app, both after the same ${m.requests} ` +
      'interleaved /mentor requests; RSS read inside each process after two full garbage collections. Both run under ' +
      '`tsx` (as the benchmark starts them), which adds the same TypeScript loader to each.',
    '',
    `- **RSS app / bare: ${times(m.ratio)}** (target ≤ 1.3×, each run a fresh pair of processes) — ${verdict(m.ratio.median <= 1.3)}.`,
    '',
    '| run | real app RSS | bare Bolt RSS | ratio | real app V8 heap used | bare V8 heap used |',
    '|---|---|---|---|---|---|',
    ...m.runs.map(
      (run, k) =>
        `| ${k + 1} | ${fixed(run.app.rssMiB, 1)} MiB | ${fixed(run.bare.rssMiB, 1)} MiB | ${fixed(run.app.rssMiB / run.bare.rssMiB, 2)}× | ` +
        `${fixed(run.app.heapUsedMiB, 1)} MiB | ${fixed(run.bare.heapUsedMiB, 1)} MiB |`,
    ),
    '',
  );
  return out;
}

export function fanoutSection(): string[] {
  const out = ['## 3. Weekly fan-out under Slack rate limits', ''];
  const stamped = readResult<FanoutResults>('fanout');
  if (stamped === null) return [...out, 'Not measured yet: run `npm run bench:fanout`.', ''];
  const scenarios = stamped.data.scenarios;
  const first = scenarios[0];
  out.push(
    stampLine(stamped),
    '',
    'The weekly prompt run as operators run it: `src/cli.ts send-prompts --at <Monday 10:00 UTC>` in a child process ' +
      '(via tsx), on a database seeded with active pairs each with its own group DM, against the fake Slack with its ' +
      'posting limits on (`startFakeSlack({ rateLimits })`): token buckets of 1 message per second per channel and a ' +
      "workspace cap per minute with a burst of one second's worth, over-limit calls answered 429 with `Retry-After` in " +
      'whole seconds. The lower bound is (pairs − burst) / rate: no client can finish sooner. The time measured is the ' +
      'whole CLI run, from spawning Node to its exit (starting Node and loading the app included). Duplicates = prompt ' +
      'messages beyond one per pair channel; lost = pairs whose channel got none.',
    '',
    first === undefined
      ? ''
      : `Slack does not publish its workspace-wide cap; the issue's example is 600/min, at which ${first.pairs.toLocaleString('en')} ` +
          `pairs take at least ${fixed(first.pairs / 10 / 60, 0)} minutes. The cap is scaled to ${first.perMinute}/min so that a ` +
          'run takes a few minutes; the ratio is what the benchmark checks (the app must keep pace with whatever cap Slack ' +
          'applies). On this machine the CLI posts about 90–110 prompts a second when nothing limits it, so the cap is set ' +
          'well below that: the run then measures how the app copes with 429s, not its raw speed. The per-channel ' +
          'limit is enforced but never binds here (each pair has its own channel and gets one message): it would show up ' +
          'only as a duplicate.',
    '',
    '| scenario | pairs | limits | lower bound | **time / lower bound** | whole run | first to last post | 429 answers | prompts | duplicates | lost | deliveries |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...scenarios.map(
      (s) =>
        `| ${s.name === 'clean' ? 'straight through' : 'SIGKILL half way, restart'} | ${s.pairs.toLocaleString('en')} | ` +
        `${s.perChannelPerSecond}/s per channel, ${s.perMinute}/min | ${fixed(s.lowerBoundSeconds, 1)} s | ` +
        `**${fixed(s.ratio, 3)}×** ${verdict(s.ratio <= 1.1)} | ${fixed(s.wallSeconds, 1)} s | ${fixed(s.postingSeconds, 1)} s | ` +
        `${s.rateLimited} | ${s.prompts} | **${s.duplicates}** | **${s.lost}** | ${Object.entries(
          s.deliveries,
        )
          .map(([status, n]) => `${n} ${status}`)
          .join(', ')} |`,
    ),
    '',
  );
  const kill = scenarios.find((s) => s.name === 'kill');
  if (kill !== undefined) {
    out.push(
      `Kill scenario: the first run was killed with SIGKILL after ${kill.killedAfterPosts} prompts had been posted; a ` +
        'restart at the same instant sent the rest. Its time counts both runs. A delivery the kill left `reserved` ' +
        '(posted or not: the database cannot tell) is younger than the one-hour lease, so the restart leaves it alone; ' +
        `the next run after the lease (here \`--at\` 61 minutes later) resolved the ${kill.leftReserved} such ` +
        `reservation(s): ${kill.recovered} found already posted through the message metadata (recorded, not re-posted), ` +
        `${kill.postedByRecovery} posted then. Until that run those pairs waited up to an hour for their question.`,
      '',
      '| run | wall time | exit | posted |',
      '|---|---|---|---|',
      ...kill.runs.map(
        (run) =>
          `| ${run.label} | ${fixed(run.wallSeconds, 1)} s | ${run.signal ?? run.exitCode} | ${run.postedDuring} |`,
      ),
      '',
    );
  }
  return out;
}
