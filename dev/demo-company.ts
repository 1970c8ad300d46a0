// The made-up company the offline demo runs a programme in: people with names, levels, departments, time zones,
// and what each would teach or like to learn. A seeded generator makes every run the same.
import { DEPARTMENTS } from '../src/domain/catalogue';

export type Random = () => number;

/** mulberry32: small, fast and good enough to pick names; the same seed always gives the same company. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  }
  return chosen;
}

export const DEMO_TIME_ZONES = [
  { zone: 'Europe/London', city: 'London' },
  { zone: 'America/New_York', city: 'New York' },
  { zone: 'Asia/Kolkata', city: 'Kolkata' },
] as const;

export type DemoRole = 'mentor' | 'mentee' | 'admin' | 'colleague';

export interface DemoPerson {
  id: string;
  name: string;
  handle: string;
  timeZone: string;
  city: string;
  level: number;
  department: string;
  role: DemoRole;
  /** Topic names (from the catalogue) to teach or learn. */
  topics: string[];
  /** Typed under "Other topics". */
  otherTopics: string | null;
  /** Mentors: how many people at once. */
  capacity: number;
  /** The offer's note or the request's goals. */
  note: string | null;
}

const FIRST_NAMES = [
  'Aisha',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Isla',
  'Jamal',
  'Kavya',
  'Liam',
  'Mei',
  'Nikhil',
  'Olivia',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sanjay',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Arjun',
  'Bianca',
  'Callum',
  'Deepa',
  'Emeka',
  'Fatima',
  'Gabriel',
  'Hannah',
  'Ishaan',
  'Jade',
  'Kofi',
  'Leah',
  'Marcus',
  'Nadia',
  'Oscar',
  'Priya',
  'Rahul',
  'Sofia',
  'Tom',
  'Uma',
  'Victor',
  'Wren',
  'Yara',
  'Zain',
  'Amara',
  'Bruno',
  'Carmen',
  'Dmitri',
  'Esther',
  'Felix',
  'Gita',
  'Hugo',
  'Ines',
  'Jonas',
  'Keira',
  'Luca',
  'Maya',
  'Noah',
  'Ona',
  'Rohan',
];

const LAST_NAMES = [
  'Rao',
  'Okafor',
  'Bennett',
  'Sharma',
  'Novak',
  'Haddad',
  'Kim',
  'Tanaka',
  'MacLeod',
  'Williams',
  'Iyer',
  "O'Brien",
  'Chen',
  'Mehta',
  'Clarke',
  'Alves',
  'Foster',
  'Garcia',
  'Patel',
  'Singh',
  'Farouk',
  'Lindqvist',
  'Zhang',
  'Ruiz',
  'Demir',
  'Adams',
  'Nair',
  'Rossi',
  'Grant',
  'Menon',
  'Eze',
  'Khan',
  'Dubois',
  'Levy',
  'Kapoor',
  'Murphy',
  'Mensah',
  'Weiss',
  'Johnson',
  'Aziz',
  'Berg',
  'Reddy',
  'Costa',
  'Hughes',
  'Bose',
];

/** Topics juniors tend to know better, weighted: a topic appears as often as it is likely to be picked. */
const TEACHABLE = [
  'Social media',
  'Social media',
  'Generative AI tools',
  'Generative AI tools',
  'Generative AI tools',
  'Short-form video',
  'Short-form video',
  'Online communities and gaming',
  'Personal brand on LinkedIn',
  'Digital collaboration tools',
  'Digital collaboration tools',
  'Inclusive language',
  'Hybrid and remote work habits',
  'Online privacy and security',
  'Accessibility',
  'Sustainability',
  'Messaging apps and new platforms',
  'Data and analytics basics',
  'Mobile-first habits',
  'Lived experience and diversity',
  'What early-career colleagues expect from leaders',
];

/** What seniors ask for: the shortages in the report come from the difference between the two lists. */
const WANTED = [
  'Generative AI tools',
  'Generative AI tools',
  'Generative AI tools',
  'Social media',
  'Social media',
  'Short-form video',
  'What early-career colleagues expect from leaders',
  'What early-career colleagues expect from leaders',
  'Online communities and gaming',
  'Online communities and gaming',
  'Personal brand on LinkedIn',
  'Inclusive language',
  'Hybrid and remote work habits',
  'Data and analytics basics',
  'Lived experience and diversity',
  'Messaging apps and new platforms',
  'Sustainability',
];

const NOTES = [
  'I run our team channel and post short explainer videos every week.',
  'I use AI assistants for research and drafting every day and love showing shortcuts.',
  'Happy to share how my friends and I actually use social apps.',
  'I moderate a large online community in my spare time.',
  'I care about accessible design and can show simple checks anyone can do.',
  null,
];

const GOALS = [
  'I want to understand the tools our graduates use before I sign off budgets for them.',
  'Help me stop being the last person in the room to hear about a new platform.',
  'I would like honest feedback on how leadership comes across to newer colleagues.',
  'I need to get hands-on with generative AI rather than read about it.',
  null,
];

/** The people of the company, in a fixed order: first the programme admin, then mentors, mentees, others. */
export function demoCompany(size: number, seed: number): DemoPerson[] {
  const random = seededRandom(seed);
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const mentors = Math.max(6, Math.round(size * 0.4));
  const mentees = Math.max(6, Math.round(size * 0.4));
  const total = Math.max(size, mentors + mentees + 2);
  for (let index = 0; index < total; index += 1) {
    const role: DemoRole =
      index === 0
        ? 'admin'
        : index <= mentors
          ? 'mentor'
          : index <= mentors + mentees
            ? 'mentee'
            : 'colleague';
    let name: string;
    do name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    while (usedNames.has(name));
    usedNames.add(name);
    // Spread within each role, so mentees (whose zone sets a pair's prompt time) live in all three.
    const roleIndex = people.filter((person) => person.role === role).length;
    const place = DEMO_TIME_ZONES[roleIndex % DEMO_TIME_ZONES.length] ?? DEMO_TIME_ZONES[0];
    const level =
      role === 'admin'
        ? 5
        : role === 'mentor'
          ? pick(random, [1, 1, 2, 2, 2, 3])
          : role === 'mentee'
            ? pick(random, [4, 4, 5, 5, 6])
            : pick(random, [2, 3, 4]);
    const department =
      role === 'admin'
        ? 'People/HR'
        : level === 6
          ? pick(random, ['Executive office', 'Finance', 'Sales', 'Engineering'])
          : pick(
              random,
              DEPARTMENTS.filter((d) => d !== 'Executive office'),
            );
    const topics =
      role === 'mentor'
        ? unique(pickSome(random, TEACHABLE, 2 + Math.floor(random() * 3)))
        : role === 'mentee'
          ? unique(pickSome(random, WANTED, 1 + Math.floor(random() * 2)))
          : [];
    people.push({
      id: `U0DEMO${String(index + 1).padStart(3, '0')}`,
      name,
      handle: name.toLowerCase().replace(/[^a-z]+/g, '.'),
      timeZone: place.zone,
      city: place.city,
      level,
      department,
      role,
      topics,
      otherTopics: null,
      capacity: role === 'mentor' ? pick(random, [1, 1, 2]) : 1,
      note: role === 'mentor' ? pick(random, NOTES) : role === 'mentee' ? pick(random, GOALS) : null,
    });
  }
  // The first mentors all teach what seniors ask for most, so a mentor who declines always has someone to
  // step in, whatever the size of the company.
  for (const mentor of people.filter((person) => person.role === 'mentor').slice(0, 3)) {
    for (const topic of ['Generative AI tools', 'Social media']) {
      if (!mentor.topics.includes(topic)) mentor.topics.push(topic);
    }
    mentor.capacity = 2;
  }
  // And the first mentees ask for one of them, so even a small company has pairs in every time zone.
  for (const [index, mentee] of people
    .filter((person) => person.role === 'mentee')
    .slice(0, 6)
    .entries()) {
    const topic = index % 2 === 0 ? 'Generative AI tools' : 'Social media';
    if (!mentee.topics.includes(topic)) mentee.topics.unshift(topic);
  }
  // One mentor adds topics of their own, which then appear in everyone's catalogue.
  const inventive = people.find((person) => person.role === 'mentor');
  if (inventive !== undefined) inventive.otherTopics = 'Podcasting, Esports';
  // Someone's own words with characters Slack and HTML treat specially, as people do type them.
  const candid = people.find((person) => person.role === 'mentee');
  if (candid !== undefined) {
    candid.note = 'Show me the tools my team uses & the habits behind them (<30 s videos included).';
  }
  return people;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
