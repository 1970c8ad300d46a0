// One cohesive algorithm (index, per-person queries, assembly sharing one context), so it stays in one file.
// The sparse candidate graph the assignment runs on: the rules of match-rules.ts applied to a whole pool at
// once, fast. Pure: the same input always gives the same graph.

import {
  DEFAULT_MATCH_WEIGHTS,
  freePlaces,
  pairScore,
  requiredLevelGap,
  waitingBonus,
  type MatchInput,
  type MatchWeights,
  type MenteeRequest,
  type MentorOffer,
} from './match-rules';

// 50 keeps the graph (and the assignment) linear in the number of mentees, yet is far more than the few
// candidates a mentee ever realistically competes over.
export const DEFAULT_MAX_CANDIDATES_PER_MENTEE = 50;

export interface CandidateEdge {
  menteeIndex: number;
  mentorIndex: number;
  score: number;
}

// Compressed sparse rows: mentee i's candidates are entries edgeStart[i] .. edgeStart[i + 1] - 1, best first.
export interface CandidateGraph {
  readonly edgeStart: Int32Array;
  readonly edgeMentor: Int32Array;
  readonly edgeScore: Float64Array;
}

// How it stays fast: comparing every mentee with every mentor is quadratic, and even walking every mentor who
// shares a popular topic is far too many steps in a large company. But a pair's score depends on the mentor
// only through (shared topics, level, same department or not), so mentors are indexed by (topic subset, level,
// department): every mentor in one bucket scores the same for a given mentee, and a mentee reads its buckets
// from the best score down, taking only as many mentors as it keeps.
//
// Which pairs are kept, and why (measured against the unpruned optimum on synthetic companies; figures in
// BENCHMARKS.md, Matching):
// - each mentee's best K mentors; alone, that loses noticeably when places are scarce, because mentors who
//   are nobody's favourite (a small level gap, the same department) get no candidates and stay empty;
// - a couple of mentors from every lower score tier of the mentee, so the assignment can move a mentee to a
//   second-best kind of mentor when that frees a better one for someone else;
// - each mentor's best few mentees, so every mentor is reachable;
// - equal scores are everywhere (small integer weights); taking them in id order would send every mentee to
//   the same few mentors, so each mentee or mentor starts at its own rotation of each bucket.
// Together they bring the optimum over the kept pairs much closer to the unpruned optimum than each mentee's
// best K alone, most of all when places are scarce.

// Subsets of up to three topics are indexed, so up to three shared topics are found in score order; a pair
// sharing more counts as sharing three until its exact score is computed. People with very many topics index
// smaller subsets so that the index stays linear in the number of people.
function subsetLimit(topicCount: number): number {
  return topicCount <= 8 ? 3 : topicCount <= 40 ? 2 : 1;
}

// A couple of mentors per lower score tier of each mentee, and a mentor's own best mentees.
const TIER_SAMPLE = 2;
const MENTOR_PICKS = 20;

interface Side {
  readonly level: Float64Array;
  readonly department: Int32Array; // -1 when unknown
  readonly user: Int32Array;
  readonly hash: Int32Array; // of offerId or requestId: rotations and tie-breaks depend on ids only
  readonly waitingDays: Float64Array; // 0 for mentors
  // Interned topics, unique and ascending, of person k: topicList[topicStart[k] .. topicStart[k + 1] - 1].
  // One flat array rather than one per person: the hot loops read other people's topics at random.
  readonly topicStart: Int32Array;
  readonly topicList: Int32Array;
  readonly levelRank: Int32Array; // position of the level among all levels present, for array lookups
  // Indexed topic subsets of person k, interned, flat like the topics: subsetId[subsetStart[k] ..
  // subsetStart[k + 1] - 1], singles first, then pairs, then triples, so that one size is one range.
  readonly subsetStart: Int32Array;
  readonly subsetId: Int32Array;
}

// Buckets live in flat arrays, numbered in key order (topic subset, level rank, department), so the buckets of
// one subset and level are a range: leafStart[subset * levels + rank] .. leafStart[... + 1] - 1, by department.
// An object per bucket made the set-up slow and every visit a chain of pointer reads.
// Bucket b's members are pool[memberStart[b] .. memberStart[b + 1] - 1], sorted so that, for one querier,
// scores never increase along a run; mentee buckets have one run per waiting bonus, mentor buckets a single
// run. Run k of bucket b is members runs[runStart[b] + k] .. runs[runStart[b] + k + 1] - 1 (offsets into the
// bucket; its last boundary is the bucket's size).
interface Index {
  readonly levels: number;
  readonly leafStart: Int32Array;
  readonly department: Int32Array; // -1 when unknown
  readonly memberStart: Int32Array;
  readonly pool: Int32Array;
  readonly runStart: Int32Array;
  readonly runs: Int32Array;
  // Waiting days of the first member of the run that starts at each entry of runs: a run shares its waiting
  // bonus, so this scores any of its members without reading that member.
  readonly runDays: Float64Array;
}

// Lists kept flat like the graph's rows: list k is items[start[k] .. start[k + 1] - 1]. An array per user made
// the set-up slow.
interface Lists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

interface Blocks {
  readonly partners: Lists; // per user: users never to be proposed again
  readonly mentorExcludes: Lists; // per mentor: the users its offer excludes
  readonly menteeExcludes: Lists; // per mentee: the users its request excludes
  readonly mentorsExcluding: Lists; // per user: mentors whose offer excludes that user
  readonly menteesExcluding: Lists; // per user: mentees whose request excludes that user
  readonly offersOf: Lists; // per user: their mentor offers
  readonly requestsOf: Lists; // per user: their mentee requests
}

interface Scratch {
  stamp: number;
  queryTopics: number; // topic count of the current querier
  queryWaitingDays: number; // of the current querying mentee
  // -> stamp once picked for the current querier, or up front when the pair is blocked (a past pair, an
  // exclusion either way, the same person): one array for all keeps the hot check to one memory read
  readonly mentorPicked: Int32Array;
  readonly menteePicked: Int32Array;
  readonly topicMark: Int32Array;
  readonly tier: Tier;
  readonly cursors: Cursors;
}

// Growable typed arrays: millions of edges pushed onto plain arrays spent most of the build in growing them and
// in garbage collection. Each is sized by an upper bound so that it rarely grows: memory never written costs
// nothing, while every fresh page written costs a page fault, and copying to grow writes them all again.
// The graph's own edges need no mentee (their position says it), so only the mentors' picks record one.
interface Edges {
  count: number;
  mentee: Int32Array | undefined;
  mentor: Int32Array;
  score: Float64Array;
}

// A typed array of this many entries still allocates everywhere; a larger bound starts here and grows.
const MAX_INITIAL_EDGES = 2 ** 27;

function createEdges(bound: number, withMentees: boolean): Edges {
  const size = Math.max(Math.min(bound, MAX_INITIAL_EDGES), 16);
  return {
    count: 0,
    mentee: withMentees ? new Int32Array(size) : undefined,
    mentor: new Int32Array(size),
    score: new Float64Array(size),
  };
}

function grow(out: Edges): void {
  const size = Math.ceil(out.mentor.length * 1.5);
  const mentor = new Int32Array(size);
  const score = new Float64Array(size);
  mentor.set(out.mentor);
  score.set(out.score);
  if (out.mentee) {
    const mentee = new Int32Array(size);
    mentee.set(out.mentee);
    out.mentee = mentee;
  }
  out.mentor = mentor;
  out.score = score;
}

interface GraphContext {
  readonly input: MatchInput;
  readonly weights: MatchWeights;
  readonly minGap: number;
  readonly limit: number;
  readonly mentors: Side;
  readonly mentees: Side;
  readonly mentorIndex: Index;
  readonly menteeIndex: Index;
  readonly mentorLevels: number[]; // ascending, mentors with a free place only
  readonly menteeLevels: number[];
  readonly levelRank: Map<number, number>;
  readonly bestWaitingDays: number; // the waiting time that earns the largest bonus, for upper bounds
  readonly blocks: Blocks;
  readonly menteeCombos: ComboCache;
  readonly mentorCombos: ComboCache;
  readonly scratch: Scratch;
}

// Murmur3's finaliser: cheap, and flips about half the bits for any one-bit change of the input.
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function intern<T>(ids: Map<T, number>, id: T): number {
  const known = ids.get(id);
  if (known !== undefined) return known;
  ids.set(id, ids.size);
  return ids.size - 1;
}

// How many subsets of `size` topics a person with topicCount topics indexes.
function subsetsOfSize(topicCount: number, size: number): number {
  if (size > subsetLimit(topicCount)) return 0;
  const n = topicCount;
  return size === 1 ? n : size === 2 ? (n * (n - 1)) / 2 : (n * (n - 1) * (n - 2)) / 6;
}

function subsetCount(topicCount: number): number {
  return subsetsOfSize(topicCount, 1) + subsetsOfSize(topicCount, 2) + subsetsOfSize(topicCount, 3);
}

interface Subsets {
  readonly start: Int32Array;
  readonly id: Int32Array;
}

// Subsets are keyed by number, not string: building a string per subset dominated the set-up time.
function topicSubsets(
  topicStart: Int32Array,
  topicList: Int32Array,
  base: number,
  ids: Map<number, number>,
): Subsets {
  const people = topicStart.length - 1;
  const start = new Int32Array(people + 1);
  for (let k = 0; k < people; k++)
    start[k + 1] = start[k]! + subsetCount(topicStart[k + 1]! - topicStart[k]!);
  const id = new Int32Array(start[people]!);
  let at = 0;
  for (let k = 0; k < people; k++) {
    const from = topicStart[k]!;
    const to = topicStart[k + 1]!;
    const limit = subsetLimit(to - from);
    for (let a = from; a < to; a++) id[at++] = intern(ids, topicList[a]! + 1);
    for (let a = from; a < to && limit >= 2; a++) {
      for (let b = a + 1; b < to; b++) id[at++] = intern(ids, topicList[a]! + 1 + base * (topicList[b]! + 1));
    }
    for (let a = from; a < to && limit >= 3; a++) {
      for (let b = a + 1; b < to; b++) {
        const keyB = topicList[a]! + 1 + base * (topicList[b]! + 1);
        for (let c = b + 1; c < to; c++) id[at++] = intern(ids, keyB + base * base * (topicList[c]! + 1));
      }
    }
  }
  return { start, id };
}

// Mentors and mentees share level, department and topics but name their ids apart; the side is built from
// the input's own objects rather than a copy of each person.
type Participant = MentorOffer | MenteeRequest;

interface ParticipantKeys<T extends Participant> {
  readonly user: (person: T) => string;
  readonly key: (person: T) => number; // offerId or requestId
  readonly waitingDays: (person: T) => number;
}

interface Interned {
  readonly users: Map<string, number>;
  readonly departments: Map<string, number>;
  readonly topics: Map<number, number>;
  readonly subsets: Map<number, number>;
  readonly levels: Map<number, number>; // level -> rank, all levels of both sides
}

interface FlatTopics {
  readonly start: Int32Array;
  readonly list: Int32Array;
}

// Written straight into the flat layout of Side: an array per person cost more than the rest of the set-up.
function internTopics(people: readonly Participant[], topics: Map<number, number>): FlatTopics {
  const start = new Int32Array(people.length + 1);
  const list = new Int32Array(people.reduce((sum, person) => sum + person.topicIds.length, 0));
  let end = 0;
  people.forEach((person, k) => {
    const from = end;
    for (const topic of person.topicIds) end = insertUnique(list, from, end, intern(topics, topic));
    start[k + 1] = end;
  });
  return { start, list: list.subarray(0, end) };
}

// Inserts value into the ascending, distinct list[from .. end - 1] and returns its new end. Topic lists are
// short, and sorting a typed-array view per person cost more than the whole insertion.
function insertUnique(list: Int32Array, from: number, end: number, value: number): number {
  let at = end;
  while (at > from && list[at - 1]! > value) at--;
  if (at > from && list[at - 1] === value) return end;
  if (at < end) list.copyWithin(at + 1, at, end);
  list[at] = value;
  return end + 1;
}

// TypedArray.from with a mapping function takes a slow generic path.
function int32Of<T>(items: readonly T[], value: (item: T) => number): Int32Array {
  const out = new Int32Array(items.length);
  for (let k = 0; k < items.length; k++) out[k] = value(items[k]!);
  return out;
}

function float64Of<T>(items: readonly T[], value: (item: T) => number): Float64Array {
  const out = new Float64Array(items.length);
  for (let k = 0; k < items.length; k++) out[k] = value(items[k]!);
  return out;
}

function buildSide<T extends Participant>(
  people: readonly T[],
  keys: ParticipantKeys<T>,
  flat: FlatTopics,
  interned: Interned,
): Side {
  const { users, departments, topics } = interned;
  const { start: topicStart, list: topicList } = flat;
  const subsets = topicSubsets(topicStart, topicList, topics.size + 1, interned.subsets);
  return {
    level: float64Of(people, (person) => person.level),
    department: int32Of(people, (person) =>
      person.department === null ? -1 : intern(departments, person.department),
    ),
    user: int32Of(people, (person) => intern(users, keys.user(person))),
    hash: int32Of(people, (person) => mix32(keys.key(person))),
    waitingDays: float64Of(people, keys.waitingDays),
    topicStart,
    topicList,
    levelRank: int32Of(people, (person) => interned.levels.get(person.level) ?? -1),
    subsetStart: subsets.start,
    subsetId: subsets.id,
  };
}

// The members an index holds, in the order its buckets list them.
function orderedMembers(
  count: number,
  include: (member: number) => boolean,
  order: (a: number, b: number) => number,
): Int32Array {
  const members: number[] = [];
  for (let member = 0; member < count; member++) if (include(member)) members.push(member);
  return Int32Array.from(members.sort(order));
}

// One entry per (member, topic subset), sorted by a single numeric key (bucket, then the member's position in
// the wanted order) with the native typed-array sort; buckets are then contiguous slices of one array. Members
// with different runKey values start a new run; without runKey a bucket is one run.
function buildIndex(
  side: Side,
  shape: { subsets: number; levels: number; departments: number },
  members: Int32Array,
  runKey: Float64Array | undefined,
): Index {
  const memberCount = members.length;
  const departments = shape.departments + 1;
  let count = 0;
  for (let position = 0; position < memberCount; position++) {
    const member = members[position]!;
    count += side.subsetStart[member + 1]! - side.subsetStart[member]!;
  }
  const keys = new Float64Array(count);
  let at = 0;
  members.forEach((member, position) => {
    const level = side.levelRank[member]!;
    const department = side.department[member]! + 1;
    for (let k = side.subsetStart[member]!; k < side.subsetStart[member + 1]!; k++) {
      const bucket = (side.subsetId[k]! * shape.levels + level) * departments + department;
      keys[at++] = bucket * memberCount + position;
    }
  });
  const sorted = keys.sort();
  const pool = new Int32Array(count);
  const leafStart = new Int32Array(shape.subsets * shape.levels + 1);
  // Sized for the worst case, one bucket per entry and a run boundary per entry; only what is written costs.
  const department = new Int32Array(count);
  const memberStart = new Int32Array(count + 1);
  const runStart = new Int32Array(count + 1);
  const runs = new Int32Array(2 * count);
  const runDays = new Float64Array(2 * count);
  let buckets = 0;
  let runCount = 0;
  let previous = -1;
  for (let k = 0; k < count; k++) {
    const bucket = Math.floor(sorted[k]! / memberCount);
    const member = members[sorted[k]! % memberCount]!;
    pool[k] = member;
    if (bucket !== previous) {
      if (k > 0) runs[runCount++] = k - memberStart[buckets - 1]!;
      leafStart[Math.floor(bucket / departments) + 1]!++;
      department[buckets] = (bucket % departments) - 1;
      memberStart[buckets] = k;
      runStart[buckets++] = runCount;
      runDays[runCount] = side.waitingDays[member]!;
      runs[runCount++] = 0;
      previous = bucket;
    } else if (runKey !== undefined && runKey[member] !== runKey[pool[k - 1]!]) {
      runDays[runCount] = side.waitingDays[member]!;
      runs[runCount++] = k - memberStart[buckets - 1]!;
    }
  }
  if (count > 0) runs[runCount++] = count - memberStart[buckets - 1]!;
  for (let leaf = 0; leaf + 1 < leafStart.length; leaf++) leafStart[leaf + 1]! += leafStart[leaf]!;
  memberStart[buckets] = count;
  runStart[buckets] = runCount;
  return {
    levels: shape.levels,
    leafStart,
    department: department.subarray(0, buckets),
    memberStart: memberStart.subarray(0, buckets + 1),
    pool,
    runStart: runStart.subarray(0, buckets + 1),
    runs: runs.subarray(0, runCount),
    runDays: runDays.subarray(0, runCount),
  };
}

// Counting sort, in entry order within a list: list k holds values[e] for every entry e with keys[e] === k.
function groupBy(listCount: number, keys: Int32Array, values: Int32Array): Lists {
  // Each list's end first; filling from the last entry back then moves every end to its list's start.
  const start = new Int32Array(listCount + 1);
  for (let e = 0; e < keys.length; e++) start[keys[e]!]!++;
  for (let k = 0; k < listCount; k++) start[k + 1]! += start[k]!;
  const items = new Int32Array(keys.length);
  for (let e = keys.length - 1; e >= 0; e--) items[--start[keys[e]!]!] = values[e]!;
  return { start, items };
}

// Each person's excluded users who are in this run, as (person, user) entries; the others cannot be proposed
// anyway.
function resolveExcludes(
  people: readonly { readonly excludes: readonly string[] }[],
  users: Map<string, number>,
): { person: Int32Array; user: Int32Array } {
  const total = people.reduce((sum, person) => sum + person.excludes.length, 0);
  const person = new Int32Array(total);
  const user = new Int32Array(total);
  let count = 0;
  for (let k = 0; k < people.length; k++) {
    for (const excluded of people[k]!.excludes) {
      const excludedUser = users.get(excluded);
      if (excludedUser === undefined) continue;
      person[count] = k;
      user[count++] = excludedUser;
    }
  }
  return { person: person.subarray(0, count), user: user.subarray(0, count) };
}

function buildBlocks(input: MatchInput, users: Map<string, number>, mentors: Side, mentees: Side): Blocks {
  const pairs = new Int32Array(2 * input.pastPairs.length);
  const partners = new Int32Array(pairs.length);
  let count = 0;
  for (const [a, b] of input.pastPairs) {
    const userA = users.get(a);
    const userB = users.get(b);
    // A pair with someone who is not in this run cannot be proposed anyway.
    if (userA === undefined || userB === undefined) continue;
    pairs[count] = userA;
    partners[count++] = userB;
    pairs[count] = userB;
    partners[count++] = userA;
  }
  const mentorExcludes = resolveExcludes(input.mentors, users);
  const menteeExcludes = resolveExcludes(input.mentees, users);
  const indices = (side: Side): Int32Array => side.user.map((_user, index) => index);
  return {
    partners: groupBy(users.size, pairs.subarray(0, count), partners.subarray(0, count)),
    mentorExcludes: groupBy(input.mentors.length, mentorExcludes.person, mentorExcludes.user),
    menteeExcludes: groupBy(input.mentees.length, menteeExcludes.person, menteeExcludes.user),
    mentorsExcluding: groupBy(users.size, mentorExcludes.user, mentorExcludes.person),
    menteesExcluding: groupBy(users.size, menteeExcludes.user, menteeExcludes.person),
    offersOf: groupBy(users.size, mentors.user, indices(mentors)),
    requestsOf: groupBy(users.size, mentees.user, indices(mentees)),
  };
}

function distinctLevels(side: Side, include: (member: number) => boolean): number[] {
  const levels = new Set<number>();
  side.level.forEach((level, member) => {
    if (include(member)) levels.add(level);
  });
  return [...levels].sort((a, b) => a - b);
}

function bestWaitingDays(input: MatchInput, weights: MatchWeights): number {
  let best = 0;
  const bonus = (days: number): number => waitingBonus(weights, days);
  for (let k = 0; k < input.mentees.length; k++) {
    const days = input.mentees[k]!.waitingDays;
    if (bonus(days) > bonus(best)) best = days;
  }
  return best;
}

function candidateLimit(input: MatchInput): number {
  const requested = input.maxCandidatesPerMentee ?? DEFAULT_MAX_CANDIDATES_PER_MENTEE;
  const limit = Number.isNaN(requested) ? DEFAULT_MAX_CANDIDATES_PER_MENTEE : Math.floor(requested);
  return Math.max(limit, 1);
}

function internLevels(input: MatchInput): Map<number, number> {
  const levels = new Set<number>();
  // Indexed loops: these run once, before for-of over an array is optimised, and would allocate per person.
  for (let k = 0; k < input.mentors.length; k++) levels.add(input.mentors[k]!.level);
  for (let k = 0; k < input.mentees.length; k++) levels.add(input.mentees[k]!.level);
  return new Map([...levels].sort((a, b) => a - b).map((level, rank) => [level, rank]));
}

function createContext(input: MatchInput): GraphContext {
  const weights = input.weights ?? DEFAULT_MATCH_WEIGHTS;
  const interned: Interned = {
    users: new Map(),
    departments: new Map(),
    topics: new Map(),
    subsets: new Map(),
    levels: internLevels(input),
  };
  // Every topic is interned before any subset key is built, so the key base is final.
  const mentorTopics = internTopics(input.mentors, interned.topics);
  const menteeTopics = internTopics(input.mentees, interned.topics);
  const mentors = buildSide(
    input.mentors,
    { user: (offer) => offer.mentorId, key: (offer) => offer.offerId, waitingDays: () => 0 },
    mentorTopics,
    interned,
  );
  const mentees = buildSide(
    input.mentees,
    {
      user: (request) => request.menteeId,
      key: (request) => request.requestId,
      waitingDays: (request) => request.waitingDays,
    },
    menteeTopics,
    interned,
  );
  const { users, topics } = interned;
  const hasPlace = (member: number): boolean => freePlaces(input.mentors[member]!) > 0;
  const waitBonus = float64Of(input.mentees, (mentee) => waitingBonus(weights, mentee.waitingDays));
  const byHash = (side: Side) => (a: number, b: number) =>
    (side.hash[a]! >>> 0) - (side.hash[b]! >>> 0) || a - b;
  const menteesByHash = byHash(mentees);
  const shape = {
    subsets: interned.subsets.size,
    levels: interned.levels.size,
    departments: interned.departments.size,
  };
  return {
    input,
    weights,
    minGap: requiredLevelGap(input.minLevelGap),
    limit: candidateLimit(input),
    mentors,
    mentees,
    mentorIndex: buildIndex(
      mentors,
      shape,
      orderedMembers(input.mentors.length, hasPlace, byHash(mentors)),
      undefined,
    ),
    menteeIndex: buildIndex(
      mentees,
      shape,
      orderedMembers(
        input.mentees.length,
        () => true,
        (a, b) => waitBonus[b]! - waitBonus[a]! || menteesByHash(a, b),
      ),
      waitBonus,
    ),
    mentorLevels: distinctLevels(mentors, hasPlace),
    menteeLevels: distinctLevels(mentees, () => true),
    levelRank: interned.levels,
    bestWaitingDays: bestWaitingDays(input, weights),
    blocks: buildBlocks(input, users, mentors, mentees),
    menteeCombos: createComboCache(interned.levels.size),
    mentorCombos: createComboCache(interned.levels.size),
    scratch: {
      stamp: 0,
      queryTopics: 0,
      queryWaitingDays: 0,
      mentorPicked: new Int32Array(input.mentors.length).fill(-1),
      menteePicked: new Int32Array(input.mentees.length).fill(-1),
      topicMark: new Int32Array(topics.size).fill(-1),
      tier: createTier(),
      cursors: createCursors(),
    },
  };
}

// ---- Queries ------------------------------------------------------------------------------------------------

// A querier's rotation seed. 31 bits keep it a small integer, so `%` on it stays integer arithmetic.
function saltOf(side: Side, member: number): number {
  return side.hash[member]! & 0x7fffffff;
}

function isCross(a: number, b: number): boolean {
  return a >= 0 && b >= 0 && a !== b;
}

function topicCount(side: Side, member: number): number {
  return side.topicStart[member + 1]! - side.topicStart[member]!;
}

function countMarked(side: Side, member: number, mark: Int32Array, stamp: number): number {
  let count = 0;
  for (let k = side.topicStart[member]!; k < side.topicStart[member + 1]!; k++) {
    if (mark[side.topicList[k]!] === stamp) count++;
  }
  return count;
}

// The tier a pair belongs to: its shared topics, unless a subset that large is not indexed for one of them.
function tierSize(shared: number, mentorTopics: number, menteeTopics: number): number {
  return Math.min(shared, subsetLimit(mentorTopics), subsetLimit(menteeTopics));
}

// Starts a query: marks the querier's topics, and marks as already picked everyone on the other side the
// querier must not be paired with.
function markForQuery(
  ctx: GraphContext,
  side: Side,
  self: number,
  excludes: Lists,
  excludedBy: Lists,
  otherOf: Lists,
  otherPicked: Int32Array,
): void {
  const scratch = ctx.scratch;
  const stamp = ++scratch.stamp;
  for (let k = side.topicStart[self]!; k < side.topicStart[self + 1]!; k++) {
    scratch.topicMark[side.topicList[k]!] = stamp;
  }
  scratch.queryTopics = topicCount(side, self);
  scratch.queryWaitingDays = side.waitingDays[self]!;
  const user = side.user[self]!;
  const partners = ctx.blocks.partners;
  blockAll(otherOf, user, otherPicked, stamp);
  for (let k = partners.start[user]!; k < partners.start[user + 1]!; k++) {
    blockAll(otherOf, partners.items[k]!, otherPicked, stamp);
  }
  for (let k = excludes.start[self]!; k < excludes.start[self + 1]!; k++) {
    blockAll(otherOf, excludes.items[k]!, otherPicked, stamp);
  }
  blockAll(excludedBy, user, otherPicked, stamp);
}

function blockAll(lists: Lists, list: number, picked: Int32Array, stamp: number): void {
  for (let k = lists.start[list]!; k < lists.start[list + 1]!; k++) picked[lists.items[k]!] = stamp;
}

interface Combo {
  readonly score: number;
  readonly size: number;
  readonly level: number;
  readonly rank: number;
  readonly cross: boolean;
}

// Every (shared topics, level, cross-department) combination a querier can meet, best score first.
function combos(
  ctx: GraphContext,
  topicTotal: number,
  department: number,
  levels: number[],
  scoreOf: (size: number, level: number, cross: boolean) => number,
): Combo[] {
  const list: Combo[] = [];
  const crossOptions = department >= 0 ? [true, false] : [false];
  for (let size = 1; size <= Math.min(topicTotal, subsetLimit(topicTotal)); size++) {
    for (const level of levels) {
      const rank = ctx.levelRank.get(level) ?? -1;
      for (const cross of crossOptions)
        list.push({ score: scoreOf(size, level, cross), size, level, rank, cross });
    }
  }
  return list.sort((a, b) => b.score - a.score);
}

// A querier's combos depend on it only through its level, whether its department is known, its topic count
// up to the largest indexed subset, and its waiting bonus (which pairScore reads only through waitingBonus):
// queriers alike in those share one list, built once. Slots by the first three, then a map by bonus.
type ComboCache = (Map<number, Combo[]> | undefined)[];

function createComboCache(levels: number): ComboCache {
  return Array.from({ length: 4 * 2 * levels }, () => undefined);
}

function comboSlot(ctx: GraphContext, side: Side, member: number): number {
  const topics = topicCount(side, member);
  const largest = Math.min(topics, subsetLimit(topics));
  const known = side.department[member]! >= 0 ? 1 : 0;
  return (largest * 2 + known) * ctx.levelRank.size + side.levelRank[member]!;
}

function menteeCombos(ctx: GraphContext, mentee: number): Combo[] {
  const request = ctx.input.mentees[mentee]!;
  const bonus = waitingBonus(ctx.weights, request.waitingDays);
  const byBonus = (ctx.menteeCombos[comboSlot(ctx, ctx.mentees, mentee)] ??= new Map());
  const cached = byBonus.get(bonus);
  if (cached) return cached;
  const levels = ctx.mentorLevels.filter((level) => request.level - level >= ctx.minGap);
  const department = ctx.mentees.department[mentee]!;
  const list = combos(ctx, topicCount(ctx.mentees, mentee), department, levels, (size, level, cross) =>
    pairScore(ctx.weights, size, request.level - level, cross, request.waitingDays),
  );
  byBonus.set(bonus, list);
  return list;
}

// Mentors all read with the best waiting bonus, so only the slot matters.
function mentorCombos(ctx: GraphContext, mentor: number): Combo[] {
  const slot = comboSlot(ctx, ctx.mentors, mentor);
  const byBonus = (ctx.mentorCombos[slot] ??= new Map());
  const cached = byBonus.get(0);
  if (cached) return cached;
  const offer = ctx.input.mentors[mentor]!;
  const levels = ctx.menteeLevels.filter((level) => level - offer.level >= ctx.minGap);
  const department = ctx.mentors.department[mentor]!;
  const list = combos(ctx, topicCount(ctx.mentors, mentor), department, levels, (size, level, cross) =>
    pairScore(ctx.weights, size, level - offer.level, cross, ctx.bestWaitingDays),
  );
  byBonus.set(0, list);
  return list;
}

// The buckets of one score tier, gathered into reused scratch arrays: this runs for every tier of every
// querier, so it allocates nothing. Entries past count are stale.
interface Tier {
  count: number;
  buckets: Int32Array;
  combos: Int32Array; // per bucket: its combo's position in the querier's list
  steps: Int32Array; // per bucket: members taken so far
  positions: Int32Array; // per bucket: the next member, starting from the querier's rotation; -1 before the first
}

function createTier(): Tier {
  const size = 64;
  const array = (): Int32Array => new Int32Array(size);
  return { count: 0, buckets: array(), combos: array(), steps: array(), positions: array() };
}

// Makes room for `more` buckets beyond count. No closure in here: one capturing `size` would make every call
// allocate, and this runs for every leaf a querier reads.
function reserveTier(tier: Tier, more: number): void {
  const needed = tier.count + more;
  if (needed <= tier.buckets.length) return;
  const size = Math.max(needed, 2 * tier.buckets.length);
  tier.buckets = grownInto(tier.buckets, new Int32Array(size));
  tier.combos = grownInto(tier.combos, new Int32Array(size));
  tier.steps = grownInto(tier.steps, new Int32Array(size));
  tier.positions = grownInto(tier.positions, new Int32Array(size));
}

// Copies array to the front of a larger, empty one.
function grownInto<T extends Int32Array | Float64Array>(array: T, larger: T): T {
  larger.set(array);
  return larger;
}

function clearTier(tier: Tier): void {
  tier.count = 0;
}

// Everything a bucket's members share for this querier (topic subset size, level gap, cross-department) is
// its combo's, so a visit does not read those from each member.
function bucketsFor(
  index: Index,
  side: Side,
  member: number,
  combo: Combo,
  comboAt: number,
  tier: Tier,
): void {
  const department = side.department[member]!;
  const topics = topicCount(side, member);
  let first = side.subsetStart[member]!;
  for (let smaller = 1; smaller < combo.size; smaller++) first += subsetsOfSize(topics, smaller);
  const end = first + subsetsOfSize(topics, combo.size);
  for (let k = first; k < end; k++) {
    const leaf = side.subsetId[k]! * index.levels + combo.rank;
    const from = index.leafStart[leaf]!;
    const to = index.leafStart[leaf + 1]!;
    reserveTier(tier, to - from);
    const { buckets, combos, steps, positions } = tier;
    let at = tier.count;
    for (let bucket = from; bucket < to; bucket++) {
      if (isCross(index.department[bucket]!, department) !== combo.cross) continue;
      buckets[at] = bucket;
      combos[at] = comboAt;
      steps[at] = 0;
      positions[at++] = -1;
    }
    tier.count = at;
  }
}

// Shared topics of a pair met in a bucket of `size`-topic subsets: exactly `size` when either has no other
// topic, otherwise counted; -1 when the pair belongs to another tier.
function sharedInTier(ctx: GraphContext, other: Side, member: number, size: number): number {
  const scratch = ctx.scratch;
  if (scratch.queryTopics === size) return size;
  const topics = topicCount(other, member);
  if (topics === size) return size;
  const shared = countMarked(other, member, scratch.topicMark, scratch.stamp);
  return tierSize(shared, topics, scratch.queryTopics) === size ? shared : -1;
}

function push(out: Edges, mentee: number, mentor: number, score: number): void {
  if (out.count === out.mentor.length) grow(out);
  const at = out.count++;
  if (out.mentee) out.mentee[at] = mentee;
  out.mentor[at] = mentor;
  out.score[at] = score;
}

function acceptMentor(
  ctx: GraphContext,
  mentee: number,
  mentor: number,
  size: number,
  gap: number,
  cross: boolean,
  out: Edges,
): boolean {
  const scratch = ctx.scratch;
  if (scratch.mentorPicked[mentor] === scratch.stamp) return false;
  const shared = sharedInTier(ctx, ctx.mentors, mentor, size);
  if (shared < 0) return false;
  const score = pairScore(ctx.weights, shared, gap, cross, scratch.queryWaitingDays);
  // With custom weights a pair can be worth nothing; it could never beat leaving the mentee unmatched.
  if (!(score > 0)) return false;
  scratch.mentorPicked[mentor] = scratch.stamp;
  push(out, mentee, mentor, score);
  return true;
}

// Takes up to budget mentors from one tier (equal scores): round-robin over its buckets from a bucket chosen by
// the mentee, each bucket read from a mentee-specific rotation. Used-up buckets leave the round.
function takeFromTier(
  ctx: GraphContext,
  mentee: number,
  list: Combo[],
  tier: Tier,
  budget: number,
  out: Edges,
): number {
  const { buckets, combos, steps, positions } = tier;
  let live = tier.count;
  if (live === 0) return 0;
  const salt = saltOf(ctx.mentees, mentee);
  const level = ctx.mentees.level[mentee]!;
  const { memberStart, pool } = ctx.mentorIndex;
  let picked = 0;
  let at = salt % live;
  while (picked < budget && live > 0) {
    const from = memberStart[buckets[at]!]!;
    const length = memberStart[buckets[at]! + 1]! - from;
    // A bucket's start is found on its first visit: with a small budget most buckets of a tier are never read.
    const position = positions[at]! < 0 ? salt % length : positions[at]!;
    const mentor = pool[from + position]!;
    const combo = list[combos[at]!]!;
    if (acceptMentor(ctx, mentee, mentor, combo.size, level - combo.level, combo.cross, out)) picked++;
    if (steps[at]! + 1 < length) {
      steps[at]!++;
      positions[at] = position + 1 === length ? 0 : position + 1;
      at++;
    } else {
      live--;
      buckets[at] = buckets[live]!;
      combos[at] = combos[live]!;
      steps[at] = steps[live]!;
      positions[at] = positions[live]!;
    }
    if (at >= live) at = 0;
  }
  return picked;
}

function menteePicks(ctx: GraphContext, mentee: number, out: Edges): void {
  const { menteeExcludes, mentorsExcluding, offersOf } = ctx.blocks;
  markForQuery(
    ctx,
    ctx.mentees,
    mentee,
    menteeExcludes,
    mentorsExcluding,
    offersOf,
    ctx.scratch.mentorPicked,
  );
  const list = menteeCombos(ctx, mentee);
  let taken = 0;
  const tier = ctx.scratch.tier;
  for (let start = 0; start < list.length;) {
    let end = start;
    clearTier(tier);
    for (; end < list.length && list[end]!.score === list[start]!.score; end++) {
      bucketsFor(ctx.mentorIndex, ctx.mentees, mentee, list[end]!, end, tier);
    }
    taken += takeFromTier(ctx, mentee, list, tier, Math.max(ctx.limit - taken, TIER_SAMPLE), out);
    start = end;
  }
}

// A mentor's own best mentees come from a heap of bucket cursors ordered by the score of each cursor's next
// mentee; mentee buckets are sorted by waiting bonus, so a cursor's score never increases. One set of arrays
// serves every mentor (like the tier, entries past count are stale) rather than new ones per mentor.
interface Cursors {
  count: number;
  heapSize: number;
  bucket: Int32Array;
  combo: Int32Array; // position in the mentor's combo list
  run: Int32Array;
  step: Int32Array;
  mentee: Int32Array; // the next mentee, whose score and tie-break follow
  score: Float64Array;
  tie: Float64Array;
  heap: Int32Array;
}

function createCursors(): Cursors {
  const size = 64;
  return {
    count: 0,
    heapSize: 0,
    bucket: new Int32Array(size),
    combo: new Int32Array(size),
    run: new Int32Array(size),
    step: new Int32Array(size),
    mentee: new Int32Array(size),
    score: new Float64Array(size),
    tie: new Float64Array(size),
    heap: new Int32Array(size),
  };
}

// Makes room for `more` cursors beyond count.
function reserveCursors(cursors: Cursors, more: number): void {
  const needed = cursors.count + more;
  if (needed <= cursors.bucket.length) return;
  const size = Math.max(needed, 2 * cursors.bucket.length);
  cursors.bucket = grownInto(cursors.bucket, new Int32Array(size));
  cursors.combo = grownInto(cursors.combo, new Int32Array(size));
  cursors.run = grownInto(cursors.run, new Int32Array(size));
  cursors.step = grownInto(cursors.step, new Int32Array(size));
  cursors.mentee = grownInto(cursors.mentee, new Int32Array(size));
  cursors.score = grownInto(cursors.score, new Float64Array(size));
  cursors.tie = grownInto(cursors.tie, new Float64Array(size));
  cursors.heap = grownInto(cursors.heap, new Int32Array(size));
}

function clearCursors(cursors: Cursors): void {
  cursors.count = 0;
  cursors.heapSize = 0;
}

function cursorMember(index: Index, cursors: Cursors, id: number, salt: number): number {
  const bucket = cursors.bucket[id]!;
  const boundary = index.runStart[bucket]! + cursors.run[id]!;
  const from = index.runs[boundary]!;
  const length = index.runs[boundary + 1]! - from;
  const offset = (salt % length) + cursors.step[id]!;
  return index.pool[index.memberStart[bucket]! + from + (offset < length ? offset : offset - length)]!;
}

function refreshHead(
  ctx: GraphContext,
  cursors: Cursors,
  id: number,
  combo: Combo,
  gap: number,
  salt: number,
): void {
  const index = ctx.menteeIndex;
  const mentee = cursorMember(index, cursors, id, salt);
  cursors.mentee[id] = mentee;
  const days = index.runDays[index.runStart[cursors.bucket[id]!]! + cursors.run[id]!]!;
  cursors.score[id] = pairScore(ctx.weights, combo.size, gap, combo.cross, days);
  cursors.tie[id] = mix32(ctx.mentees.hash[mentee]! ^ salt) >>> 0;
}

function cursorBefore(cursors: Cursors, a: number, b: number): boolean {
  const scoreA = cursors.score[a]!;
  const scoreB = cursors.score[b]!;
  if (scoreA !== scoreB) return scoreA > scoreB;
  const tieA = cursors.tie[a]!;
  const tieB = cursors.tie[b]!;
  return tieA !== tieB ? tieA < tieB : a < b;
}

function heapPush(cursors: Cursors, id: number): void {
  const heap = cursors.heap;
  let at = cursors.heapSize++;
  heap[at] = id;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!cursorBefore(cursors, id, heap[parent]!)) return;
    heap[at] = heap[parent]!;
    heap[parent] = id;
    at = parent;
  }
}

function heapPop(cursors: Cursors): number {
  const heap = cursors.heap;
  const top = heap[0]!;
  const size = --cursors.heapSize;
  if (size === 0) return top;
  const last = heap[size]!;
  heap[0] = last;
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && cursorBefore(cursors, heap[right]!, heap[left]!) ? right : left;
    if (!cursorBefore(cursors, heap[child]!, last)) break;
    heap[at] = heap[child]!;
    heap[child] = last;
    at = child;
  }
  return top;
}

function openCursors(
  ctx: GraphContext,
  cursors: Cursors,
  tier: Tier,
  combo: Combo,
  comboAt: number,
  gap: number,
  salt: number,
): void {
  reserveCursors(cursors, tier.count);
  for (let k = 0; k < tier.count; k++) {
    const id = cursors.count++;
    cursors.bucket[id] = tier.buckets[k]!;
    cursors.combo[id] = comboAt;
    cursors.run[id] = 0;
    cursors.step[id] = 0;
    refreshHead(ctx, cursors, id, combo, gap, salt);
    heapPush(cursors, id);
  }
}

// Moves a cursor to its next mentee; false when the bucket is used up.
function advance(index: Index, cursors: Cursors, id: number): boolean {
  const bucket = cursors.bucket[id]!;
  const run = cursors.run[id]!;
  const boundary = index.runStart[bucket]! + run;
  const step = cursors.step[id]! + 1;
  if (step < index.runs[boundary + 1]! - index.runs[boundary]!) {
    cursors.step[id] = step;
    return true;
  }
  cursors.run[id] = run + 1;
  cursors.step[id] = 0;
  return boundary + 2 < index.runStart[bucket + 1]!;
}

function acceptMentee(
  ctx: GraphContext,
  mentor: number,
  mentee: number,
  size: number,
  gap: number,
  cross: boolean,
  out: Edges,
): boolean {
  const scratch = ctx.scratch;
  if (scratch.menteePicked[mentee] === scratch.stamp) return false;
  const shared = sharedInTier(ctx, ctx.mentees, mentee, size);
  if (shared < 0) return false;
  const score = pairScore(ctx.weights, shared, gap, cross, ctx.mentees.waitingDays[mentee]!);
  if (!(score > 0)) return false;
  scratch.menteePicked[mentee] = scratch.stamp;
  push(out, mentee, mentor, score);
  return true;
}

function mentorPicks(ctx: GraphContext, mentor: number, out: Edges): void {
  const offer = ctx.input.mentors[mentor]!;
  const { mentorExcludes, menteesExcluding, requestsOf } = ctx.blocks;
  markForQuery(
    ctx,
    ctx.mentors,
    mentor,
    mentorExcludes,
    menteesExcluding,
    requestsOf,
    ctx.scratch.menteePicked,
  );
  const list = mentorCombos(ctx, mentor);
  const salt = saltOf(ctx.mentors, mentor);
  const cursors = ctx.scratch.cursors;
  clearCursors(cursors);
  let next = 0;
  let accepted = 0;
  while (accepted < MENTOR_PICKS) {
    // Buckets join only once their best possible score could compete with the current best head.
    while (
      next < list.length &&
      (cursors.heapSize === 0 || list[next]!.score >= cursors.score[cursors.heap[0]!]!)
    ) {
      const combo = list[next]!;
      const tier = ctx.scratch.tier;
      clearTier(tier);
      bucketsFor(ctx.menteeIndex, ctx.mentors, mentor, combo, next, tier);
      openCursors(ctx, cursors, tier, combo, next, combo.level - offer.level, salt);
      next++;
    }
    if (cursors.heapSize === 0) return;
    const id = heapPop(cursors);
    const mentee = cursors.mentee[id]!;
    const combo = list[cursors.combo[id]!]!;
    const gap = combo.level - offer.level;
    if (acceptMentee(ctx, mentor, mentee, combo.size, gap, combo.cross, out)) accepted++;
    if (advance(ctx.menteeIndex, cursors, id)) {
      refreshHead(ctx, cursors, id, combo, gap, salt);
      heapPush(cursors, id);
    }
  }
}

// ---- Assembly -----------------------------------------------------------------------------------------------

// The mentors' picks grouped by mentee, in the order they were picked: mentee i's are
// extra entries order[start[i]] .. order[start[i + 1] - 1].
interface PicksByMentee {
  readonly start: Int32Array;
  readonly order: Int32Array;
}

function groupByMentee(extra: Edges, menteeCount: number): PicksByMentee {
  const menteeOf = extra.mentee!;
  // Like groupBy: ends first, then filled from the last pick back.
  const start = new Int32Array(menteeCount + 1);
  for (let k = 0; k < extra.count; k++) start[menteeOf[k]!]!++;
  for (let i = 0; i < menteeCount; i++) start[i + 1]! += start[i]!;
  const order = new Int32Array(extra.count);
  for (let k = extra.count - 1; k >= 0; k--) order[--start[menteeOf[k]!]!] = k;
  return { start, order };
}

// After a mentee's own picks, the mentors' picks it does not have yet. Its query has just stamped the mentors
// it picked in mentorPicked, along with those it must not meet, who never pick it either.
function appendMentorPicks(
  ctx: GraphContext,
  mentee: number,
  extra: Edges,
  byMentee: PicksByMentee,
  out: Edges,
): void {
  const { mentorPicked, stamp } = ctx.scratch;
  for (let k = byMentee.start[mentee]!; k < byMentee.start[mentee + 1]!; k++) {
    const e = byMentee.order[k]!;
    if (mentorPicked[extra.mentor[e]!] !== stamp) push(out, mentee, extra.mentor[e]!, extra.score[e]!);
  }
}

export function buildCandidateGraph(input: MatchInput): CandidateGraph {
  const ctx = createContext(input);
  const menteeCount = input.mentees.length;
  // The mentors pick first (no query depends on another), so that each mentee's edges are written once, in
  // their final place, rather than gathered into a second copy.
  const extra = createEdges(input.mentors.length * MENTOR_PICKS, true);
  for (let mentor = 0; mentor < input.mentors.length; mentor++) {
    if (freePlaces(input.mentors[mentor]!) > 0) mentorPicks(ctx, mentor, extra);
  }
  const byMentee = groupByMentee(extra, menteeCount);
  const out = createEdges(menteeCount * ownPicksBound(ctx) + extra.count, false);
  const edgeStart = new Int32Array(menteeCount + 1);
  for (let mentee = 0; mentee < menteeCount; mentee++) {
    menteePicks(ctx, mentee, out);
    appendMentorPicks(ctx, mentee, extra, byMentee, out);
    edgeStart[mentee + 1] = out.count;
  }
  // Views rather than copies: a copy would write every page of the graph a second time.
  const edgeMentor = out.mentor.subarray(0, out.count);
  return { edgeStart, edgeMentor, edgeScore: out.score.subarray(0, out.count) };
}

// A mentee takes at most the limit from the tiers until the limit is reached, then a sample from each later
// tier; a tier has at least one combo. The limit may be unbounded, but no mentee has more mentors than exist.
function ownPicksBound(ctx: GraphContext): number {
  const mostCombos = 3 * ctx.mentorLevels.length * 2;
  return Math.min(ctx.limit + TIER_SAMPLE * mostCombos, ctx.input.mentors.length);
}

// Grouped by mentee index; each mentee's candidates best first, equal scores by offerId. A mentee has its best
// maxCandidatesPerMentee mentors, a couple from each lower score tier, and the mentors that picked it.
export function buildCandidates(input: MatchInput): CandidateEdge[] {
  const graph = buildCandidateGraph(input);
  const edges: CandidateEdge[] = [];
  for (let menteeIndex = 0; menteeIndex < input.mentees.length; menteeIndex++) {
    const group: CandidateEdge[] = [];
    for (let e = graph.edgeStart[menteeIndex]!; e < graph.edgeStart[menteeIndex + 1]!; e++) {
      group.push({ menteeIndex, mentorIndex: graph.edgeMentor[e]!, score: graph.edgeScore[e]! });
    }
    const offerId = (edge: CandidateEdge): number => input.mentors[edge.mentorIndex]!.offerId;
    group.sort((a, b) => b.score - a.score || offerId(a) - offerId(b) || a.mentorIndex - b.mentorIndex);
    edges.push(...group);
  }
  return edges;
}
