// The words after /mentor. Parsing is separate from Slack so the help text and the router share one list.

export interface SubcommandHelp {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
}

export const SUBCOMMANDS: readonly SubcommandHelp[] = [
  {
    name: 'offer',
    usage: '/mentor offer',
    summary: 'Offer to mentor: share what you can teach a more senior colleague.',
  },
  {
    name: 'find',
    usage: '/mentor find',
    summary: 'Find a mentor: ask a less senior colleague to teach you something.',
  },
  { name: 'status', usage: '/mentor status', summary: 'See your offer, your request, proposals and pairs.' },
  {
    name: 'pause',
    usage: '/mentor pause [weeks]',
    summary: 'Take a break from prompts and matching (until you resume, or for N weeks).',
  },
  { name: 'resume', usage: '/mentor resume', summary: 'Come back from a pause.' },
  { name: 'end', usage: '/mentor end', summary: 'End a pairing and tell the programme how it went.' },
  { name: 'leave', usage: '/mentor leave', summary: 'Leave the programme and erase your data.' },
  {
    name: 'report',
    usage: '/mentor report [csv] [cohort <name>]',
    summary:
      'Programme figures and outcomes, CSV files and charts; one cohort with `cohort <name>` (programme admins).',
  },
];

export type SubcommandName = 'offer' | 'find' | 'status' | 'pause' | 'resume' | 'end' | 'leave' | 'report';

export type MentorCommand =
  | { kind: 'help' }
  | { kind: 'unknown'; word: string }
  | { kind: 'subcommand'; name: SubcommandName; args: string[] };

export function parseMentorCommand(text: string | undefined): MentorCommand {
  const words = (text ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const first = words[0]?.toLowerCase();
  if (first === undefined || first === 'help') return { kind: 'help' };
  const known = SUBCOMMANDS.find((command) => command.name === first);
  if (known === undefined) return { kind: 'unknown', word: words[0] ?? first };
  return { kind: 'subcommand', name: known.name as SubcommandName, args: words.slice(1) };
}
