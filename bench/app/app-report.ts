// BENCHMARKS.md sections for the benchmarks that run the app: command latency, weekly fan-out, memory.
export function latencySection(): string[] {
  return ['## 2. Command latency', '', 'Not measured yet: run `npm run bench:latency`.', ''];
}

export function fanoutSection(): string[] {
  return [
    '## 3. Weekly fan-out under Slack rate limits',
    '',
    'Not measured yet: run `npm run bench:fanout`.',
    '',
  ];
}

export function memorySection(): string[] {
  return ['## 4. Memory', '', 'Not measured yet: run `npm run bench:latency` (it measures memory too).', ''];
}
