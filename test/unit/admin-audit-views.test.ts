// The audit log reads as sentences an HR admin understands, in Slack and in the CSV: never raw ids-and-JSON.
import { parse } from 'csv-parse/sync';
import { auditCsvFile } from '../../src/report/audit-csv';
import {
  auditModal,
  auditSentence,
  auditSentencePlain,
  type AuditLine,
} from '../../src/views/admin-audit-views';
import { blockKitProblems } from '../support/block-kit-limits';

const AT = new Date('2026-11-23T09:30:00Z');
const entry = (action: string, subject: string, before: unknown, after: unknown): AuditLine => ({
  at: AT,
  actorId: 'U0ADMIN',
  action,
  subject,
  before,
  after,
});

// action, subject, before, after, in Slack, in the CSV
const CASES: [string, string, unknown, unknown, string, string][] = [
  [
    'invitation.posted',
    'C0GENERAL',
    null,
    { channel: 'C0GENERAL', joinedSince: 0 },
    'posted the invitation in <#C0GENERAL>',
    'posted the invitation in channel C0GENERAL',
  ],
  [
    'invitation.posted',
    'C0GENERAL',
    null,
    { channel: 'C0GENERAL', joinedSince: 3 },
    'posted the invitation in <#C0GENERAL> (3 colleagues had joined since the last one)',
    'posted the invitation in channel C0GENERAL (3 colleagues had joined since the last one)',
  ],
  ['topic.added', '17', null, { name: 'AI tools' }, 'added topic “AI tools”', 'added topic “AI tools”'],
  [
    'topic.renamed',
    '17',
    { name: 'AI tools' },
    { name: 'AI assistants' },
    'renamed topic “AI tools” to “AI assistants”',
    'renamed topic “AI tools” to “AI assistants”',
  ],
  [
    'topic.retired',
    '17',
    { name: 'Fax', retired: false },
    { name: 'Fax', retired: true },
    'retired topic “Fax”',
    'retired topic “Fax”',
  ],
  [
    'topic.restored',
    '17',
    { name: 'Fax', retired: true },
    { name: 'Fax', retired: false },
    'brought back topic “Fax”',
    'brought back topic “Fax”',
  ],
  [
    'topic.merged',
    '18',
    { name: 'Gen AI' },
    { name: 'AI assistants', mergedInto: 17 },
    'merged topic “Gen AI” into “AI assistants”',
    'merged topic “Gen AI” into “AI assistants”',
  ],
  [
    'prompt.added',
    '12',
    null,
    { text: 'What <surprised> you?' },
    'added prompt 12: “What &lt;surprised&gt; you?”',
    'added prompt 12: “What <surprised> you?”',
  ],
  [
    'prompt.edited',
    '4',
    { text: 'Old words' },
    { text: 'New words' },
    'reworded prompt 4 from “Old words” to “New words”',
    'reworded prompt 4 from “Old words” to “New words”',
  ],
  [
    'prompt.moved',
    '4',
    { position: 5 },
    { position: 2 },
    'moved prompt 4 from position 5 to position 2',
    'moved prompt 4 from position 5 to position 2',
  ],
  [
    'prompt.disabled',
    '4',
    { enabled: true },
    { enabled: false },
    'stopped sending prompt 4',
    'stopped sending prompt 4',
  ],
  [
    'prompt.enabled',
    '4',
    { enabled: false },
    { enabled: true },
    'started sending prompt 4 again',
    'started sending prompt 4 again',
  ],
  [
    'setting.changed',
    'promptHour',
    null,
    8,
    'changed *Prompt hour (local time, 0–23)* from the default to 8',
    'changed Prompt hour (local time, 0–23) from the default to 8',
  ],
  [
    'admin.added',
    'U0HELPER',
    null,
    null,
    'added <@U0HELPER> as a programme admin',
    'added U0HELPER as a programme admin',
  ],
  [
    'matching.run',
    'matching',
    null,
    { proposed: 1, waitlisted: 2 },
    'ran matching: 1 proposal made, 2 waitlisted',
    'ran matching: 1 proposal made, 2 waitlisted',
  ],
  [
    'mentor.suggested',
    'proposal 7',
    null,
    { mentorId: 'U0JUNE', menteeId: 'U0SAM' },
    'suggested <@U0JUNE> as a mentor for <@U0SAM> (proposal 7)',
    'suggested U0JUNE as a mentor for U0SAM (proposal 7)',
  ],
  [
    'digest.changed',
    'U0ADMIN',
    null,
    { weekday: 'monday', hour: 8 },
    'set their weekly digest to Mondays at 08:00',
    'set their weekly digest to Mondays at 08:00',
  ],
  [
    'level.added',
    '7',
    ['Junior', 'Senior'],
    { ladder: ['Junior', 'Mid', 'Senior'], holdersMovedTo: null },
    'added a level: the ladder was Junior › Senior, now Junior › Mid › Senior',
    'added a level: the ladder was Junior › Senior, now Junior › Mid › Senior',
  ],
  [
    'department.renamed',
    'Sales',
    ['Sales', 'Legal'],
    ['Revenue', 'Legal'],
    'renamed department “Sales” to “Revenue”',
    'renamed department “Sales” to “Revenue”',
  ],
];

describe('each audit entry as a sentence', () => {
  it.each(CASES)('%s (%s)', (action, subject, before, after, slack, csv) => {
    const line = entry(action, subject, before, after);
    expect(auditSentence(line)).toBe(slack);
    expect(auditSentencePlain(line)).toBe(csv);
  });

  it('writes no entry as raw JSON', () => {
    for (const [action, subject, before, after] of CASES) {
      const sentence = auditSentence(entry(action, subject, before, after));
      expect(sentence).not.toMatch(/[{}[\]]|"/);
    }
  });

  it('keeps a page of long entries within Block Kit limits', () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      entry('prompt.edited', String(i), { text: 'o'.repeat(2000) }, { text: 'n'.repeat(2000) }),
    );
    const view = auditModal({ entries, page: 0, pageCount: 1, total: 20 });
    expect(blockKitProblems('modal', view as unknown as Record<string, unknown>)).toEqual([]);
    expect(JSON.stringify(view)).toContain('2026-11-23 09:30 UTC · <@U0ADMIN> reworded prompt 0 from “ooo');
  });
});

describe('the audit CSV', () => {
  it('has a description in words beside the machine-readable values', () => {
    const file = auditCsvFile(
      [{ id: 1, ...entry('topic.renamed', '17', { name: 'AI tools' }, { name: '=AI assistants' }) }],
      AT,
    );
    const [row] = parse(file.content, { columns: true, bom: true }) as Record<string, string>[];
    expect(row).toEqual({
      id: '1',
      at: '2026-11-23T09:30:00Z',
      actor: 'U0ADMIN',
      action: 'topic.renamed',
      description: 'renamed topic “AI tools” to “=AI assistants”',
      subject: '17',
      before: '{"name":"AI tools"}',
      after: '{"name":"=AI assistants"}',
    });
  });
});
