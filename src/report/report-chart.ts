// The report's charts as PNG images, drawn on the server with Chart.js on a Skia canvas (@napi-rs/canvas,
// whose native binary comes as an npm package): no browser, nothing fetched at run time. The font is a
// TTF shipped in an npm package, so the text looks the same on a machine without any system fonts.
import type * as Canvas from '@napi-rs/canvas';
import type * as ChartJs from 'chart.js' with { 'resolution-mode': 'import' };
import { GOAL_STAGES, type OutcomeScope } from '../domain/outcome-figures';
import type { ReportFigures } from '../domain/report-figures';
import type { FileUpload } from '../ports/messenger';
import { FEWER_THAN_MIN_ANSWERS, scopeLabel, shortWeekLabel } from './report-format';

/** The topic chart shows the largest shortages first and stops here, so bars stay readable. */
export const CHART_MAX_TOPICS = 15;

export const CHART_FONT_FAMILY = 'Mentor Circles Report';
const WIDTH = 1000;
const COLORS = { sent: '#4a7fd4', answered: '#2fa36b', offers: '#2fa36b', requests: '#e0823d' };

const FONT_FILES = ['400Regular/Roboto_400Regular.ttf', '700Bold/Roboto_700Bold.ttf'];

interface ChartStack {
  Chart: typeof ChartJs.Chart;
  createCanvas: typeof Canvas.createCanvas;
}

let stack: ChartStack | null = null;

/**
 * Skia's native library, Chart.js and the fonts are loaded on the first chart drawn, not when the app starts:
 * they are a large part of a running process's memory, and most processes never draw a chart.
 */
function chartStack(): ChartStack {
  if (stack !== null) return stack;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createCanvas, GlobalFonts } = require('@napi-rs/canvas') as typeof Canvas;
  // chart.js ships a CommonJS build for require(), but declares its types for ESM only.
  const { Chart, registerables } = require('chart.js') as typeof ChartJs;
  /* eslint-enable @typescript-eslint/no-require-imports */
  Chart.register(...registerables);
  // The font registry is native and process-wide: register once, even if this module is loaded again.
  if (!GlobalFonts.has(CHART_FONT_FAMILY)) {
    for (const name of FONT_FILES) {
      const file = require.resolve(`@expo-google-fonts/roboto/${name}`);
      // Without it Skia would fall back to whatever fonts the machine has, or draw no text at all.
      if (GlobalFonts.registerFromPath(file, CHART_FONT_FAMILY) === null) {
        throw new Error(`Cannot load font ${file}`);
      }
    }
  }
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#333333';
  stack = { Chart, createCanvas };
  return stack;
}

/** One PNG per chart: weekly engagement always, topic supply and demand when any topic is offered or asked. */
export function renderReportCharts(figures: ReportFigures): FileUpload[] {
  const date = figures.generatedAt.toISOString().slice(0, 10);
  const files: FileUpload[] = [
    {
      filename: `mentor-circles-${date}-weekly-engagement.png`,
      title: 'Weekly engagement: prompts sent and answered',
      content: renderEngagementChart(figures),
    },
  ];
  if (figures.topics.length > 0) {
    files.push({
      filename: `mentor-circles-${date}-topic-supply-demand.png`,
      title: 'Supply and demand per topic',
      content: renderTopicChart(figures),
    });
  }
  return files;
}

export function renderEngagementChart(figures: ReportFigures): Buffer {
  return render(WIDTH, 500, {
    type: 'bar',
    data: {
      labels: figures.weeks.map((week) => shortWeekLabel(week.weekKey)),
      datasets: [
        { label: 'Prompts sent', data: figures.weeks.map((week) => week.sent), backgroundColor: COLORS.sent },
        {
          label: 'Answered',
          data: figures.weeks.map((week) => week.answered),
          backgroundColor: COLORS.answered,
        },
      ],
    },
    options: {
      plugins: { title: title('Weekly engagement, last 8 ISO weeks') },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

export function renderTopicChart(figures: ReportFigures): Buffer {
  const topics = figures.topics.slice(0, CHART_MAX_TOPICS);
  const more = figures.topics.length - topics.length;
  return render(WIDTH, 160 + 34 * Math.max(topics.length, 3), {
    type: 'bar',
    data: {
      labels: topics.map((topic) => (topic.topic.length > 40 ? `${topic.topic.slice(0, 39)}…` : topic.topic)),
      datasets: [
        {
          label: 'Open requests',
          data: topics.map((topic) => topic.requests),
          backgroundColor: COLORS.requests,
        },
        { label: 'Open offers', data: topics.map((topic) => topic.offers), backgroundColor: COLORS.offers },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        title: title(
          more > 0
            ? `Supply and demand per topic (${topics.length} largest shortages of ${figures.topics.length})`
            : 'Supply and demand per topic, largest shortages first',
        ),
      },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

/** The confidence chart shows all pairs and at most this many cohorts (the newest), so bars stay readable. */
export const CHART_MAX_COHORTS = 5;
const SCOPE_COLORS = ['#4a7fd4', '#2fa36b', '#e0823d', '#9b59b6', '#d4a017', '#c0392b'];

/** The median confidence chart as a file, named like the report's other charts. */
export function confidenceChartFile(generatedAt: Date, scopes: readonly OutcomeScope[]): FileUpload {
  return {
    filename: `mentor-circles-${generatedAt.toISOString().slice(0, 10)}-goal-confidence.png`,
    title: 'Median confidence in a goal: start, middle, close',
    content: renderConfidenceChart(scopes),
  };
}

/**
 * Median goal confidence at start, middle and close, one colour per scope. A stage with fewer than 5 answers
 * has no bar, and the legend says so: the chart never draws a figure the text would hide.
 */
export function renderConfidenceChart(scopes: readonly OutcomeScope[]): Buffer {
  const shown = scopes.slice(0, CHART_MAX_COHORTS + 1);
  const anyHidden = shown.some((scope) => GOAL_STAGES.some((stage) => !scope.confidence[stage].shown));
  return render(WIDTH, 500, {
    type: 'bar',
    data: {
      labels: GOAL_STAGES.map((stage) => stage.charAt(0).toUpperCase() + stage.slice(1)),
      datasets: shown.map((scope, index) => {
        const hidden = GOAL_STAGES.filter((stage) => !scope.confidence[stage].shown);
        const label = scopeLabel(scope);
        return {
          label: `${label.length > 40 ? `${label.slice(0, 39)}…` : label}${hidden.length === 0 ? '' : ` (${hidden.join(', ')}: ${FEWER_THAN_MIN_ANSWERS})`}`,
          data: GOAL_STAGES.map((stage) => {
            const figure = scope.confidence[stage];
            return figure.shown ? figure.value : null;
          }),
          backgroundColor: SCOPE_COLORS[index % SCOPE_COLORS.length],
        };
      }),
    },
    options: {
      plugins: {
        title: title('Median confidence in a goal (1–5): start → middle → close'),
        subtitle: {
          display: anyHidden,
          text: `No bar: ${FEWER_THAN_MIN_ANSWERS}, so nobody can be singled out`,
          padding: { bottom: 12 },
        },
      },
      scales: { y: { beginAtZero: true, min: 0, max: 5, ticks: { stepSize: 1 } } },
    },
  });
}

function title(text: string) {
  return { display: true, text, font: { size: 20, weight: 'bold' as const }, padding: { bottom: 16 } };
}

function render(width: number, height: number, config: ChartJs.ChartConfiguration<'bar'>): Buffer {
  const { Chart, createCanvas } = chartStack();
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  const chart = new Chart(context as unknown as ChartJs.ChartItem, {
    ...config,
    options: {
      ...config.options,
      // No animation, no resize observer, one device pixel: a single deterministic frame.
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      layout: { padding: 16 },
    },
  });
  try {
    chart.draw();
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}
