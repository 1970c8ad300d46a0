import { computeReportFigures, type ReportData } from '../../src/domain/report-figures';
import { GlobalFonts } from '@napi-rs/canvas';
import {
  CHART_FONT_FAMILY,
  CHART_MAX_TOPICS,
  renderEngagementChart,
  renderReportCharts,
  renderTopicChart,
} from '../../src/report/report-chart';

const generatedAt = new Date('2026-11-27T12:00:00Z');
const EMPTY: ReportData = {
  offers: [],
  requests: [],
  proposals: [],
  pairs: [],
  deliveries: [],
  feedback: [],
};
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // The first chunk of every PNG is IHDR: length 13, then width and height as big-endian integers.
  expect(bytes.readUInt32BE(8)).toBe(13);
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  expect(bytes.toString('ascii', bytes.length - 8, bytes.length - 4)).toBe('IEND');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const programme = computeReportFigures(
  {
    ...EMPTY,
    offers: [
      { status: 'open', topicNames: ['AI tools', 'Social media'], capacity: 1, activePairs: 0 },
      { status: 'open', topicNames: ['AI tools'], capacity: 1, activePairs: 0 },
    ],
    requests: ['Data', 'Data', 'Social media'].map((topic) => ({
      status: 'open' as const,
      topicNames: [topic],
      createdAt: generatedAt,
      matchedAt: null,
    })),
    deliveries: [
      { weekKey: '2026-W46', status: 'sent', answered: true },
      { weekKey: '2026-W47', status: 'sent', answered: false },
      { weekKey: '2026-W48', status: 'sent', answered: true },
      { weekKey: '2026-W48', status: 'sent', answered: true },
    ],
  },
  generatedAt,
);

describe('report charts', () => {
  it('draws weekly engagement as a valid PNG of plausible size', () => {
    const bytes = renderEngagementChart(programme);
    expect(png(bytes)).toEqual({ width: 1000, height: 500 });
    // Bars, axes and text make a real picture, not an empty canvas.
    expect(bytes.length).toBeGreaterThan(8000);
  });

  it('draws topic supply and demand, taller with more topics and capped for readability', () => {
    const few = png(renderTopicChart(programme));
    expect(few.width).toBe(1000);
    const many = computeReportFigures(
      {
        ...EMPTY,
        requests: Array.from({ length: 130 }, (_, i) => ({
          status: 'open' as const,
          topicNames: [`Topic ${i}`],
          createdAt: generatedAt,
          matchedAt: null,
        })),
      },
      generatedAt,
    );
    const capped = png(renderTopicChart(many));
    expect(capped.height).toBeGreaterThan(few.height);
    expect(capped.height).toBe(160 + 34 * CHART_MAX_TOPICS);
  });

  it('draws its text with the Roboto font shipped in an npm package, not whatever the machine has', () => {
    renderEngagementChart(programme);
    const family = GlobalFonts.families.find((entry) => entry.family === CHART_FONT_FAMILY);
    expect(family?.styles.map((style) => style.weight).sort()).toEqual([400, 700]);
  });

  it('gives the same bytes for the same figures', () => {
    expect(renderEngagementChart(programme).equals(renderEngagementChart(programme))).toBe(true);
  });

  it('sends both charts, or only engagement when no topic is offered or asked for', () => {
    expect(renderReportCharts(programme).map((file) => file.filename)).toEqual([
      'mentor-circles-2026-11-27-weekly-engagement.png',
      'mentor-circles-2026-11-27-topic-supply-demand.png',
    ]);
    const empty = renderReportCharts(computeReportFigures(EMPTY, generatedAt));
    expect(empty.map((file) => file.filename)).toEqual(['mentor-circles-2026-11-27-weekly-engagement.png']);
    expect(png(empty[0]?.content as Buffer).width).toBe(1000);
  });
});
