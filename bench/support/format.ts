// Number formats shared by the report's sections.
import type { Stamped } from './results';
import type { Spread } from './stats';

export const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';
export const ratio = (value: number): string => fixed(value, 4);
export const percent = (value: number): string => `${fixed(value * 100, 1)} %`;
export const verdict = (met: boolean): string => (met ? '**met**' : '**missed**');

export function showSpread(s: Spread, unit: string, digits = 0, scale = 1): string {
  const v = (x: number) => fixed(x * scale, digits);
  return s.runs > 1
    ? `${v(s.median)} ${unit} (${v(s.min)}–${v(s.max)}, ${s.runs} runs)`
    : `${v(s.median)} ${unit} (1 run)`;
}

export function stampLine(stamped: Stamped<unknown>): string {
  const m = stamped.machine;
  return (
    `Measured ${stamped.measuredAt.slice(0, 16).replace('T', ' ')} UTC in ${stamped.durationSeconds} s on ${m.cores} cores ` +
    `(${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; load average at the end ${m.loadAverage.join(' / ')} ` +
    `(the machine is shared). Reproduce: \`${stamped.command.replace(/ --no-build/g, '').replace(/ --$/, '')}\`.` +
    (stamped.command.includes('--quick')
      ? ' **Reduced size (`--quick`): these figures only show that the benchmark runs; run it without `--quick` for the real ones.**'
      : '')
  );
}
