// Who plays which part in the demo's story, picked from the made-up company: the programme admin, the mentors
// and mentees who sign up, a colleague who is only curious, and the sign-ups the story needs for its special
// cases (a mentee asking for a topic a mentor typed in, one keeping their direct report out).
import { LAUNCH_CHANNEL } from './demo-admin';
import type { DemoPerson } from './demo-company';

/** The app's bot user in the fake workspace. */
export const BOT_USER = 'UBOT';

export interface DemoCast {
  people: DemoPerson[];
  byId: ReadonlyMap<string, DemoPerson>;
  /** Display names by Slack user id (and the launch channel's name by its id), as the transcript shows them. */
  names: (userId: string) => string;
  admin: DemoPerson;
  mentors: DemoPerson[];
  mentees: DemoPerson[];
  curious: DemoPerson;
  /** A mentee who asks not to be matched with their direct report, and that report. */
  excluding: DemoPerson | undefined;
  excludedReport: DemoPerson | undefined;
}

/** Gives the company's people their parts; one mentee is given an "other topic" to ask for. */
export function castFrom(people: DemoPerson[]): DemoCast {
  const byId = new Map(people.map((person) => [person.id, person]));
  const names = (id: string) =>
    id === BOT_USER
      ? 'Mentor Circles'
      : id === LAUNCH_CHANNEL.id
        ? LAUNCH_CHANNEL.name
        : (byId.get(id)?.name ?? id);
  const admin = people.find((person) => person.role === 'admin') as DemoPerson;
  const mentors = people.filter((person) => person.role === 'mentor');
  const mentees = people.filter((person) => person.role === 'mentee');
  const curious = people.find((person) => person.role === 'colleague') ?? admin;

  const esportsFan = mentees[2];
  if (esportsFan !== undefined) esportsFan.otherTopics = 'Esports';
  const excluding = mentees[1];
  const excludedReport = mentors.find((mentor) => mentor.department === excluding?.department) ?? mentors[4];
  return { people, byId, names, admin, mentors, mentees, curious, excluding, excludedReport };
}
