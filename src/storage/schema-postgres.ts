// The same tables as schema.ts, for PostgreSQL: same table, column, index and key names, so one set of
// repositories can serve both. Times are timestamps with time zone read as JS Dates, like SQLite's epoch
// milliseconds; JSON columns are jsonb. test/unit/schema-equivalence.test.ts keeps the two schemas in step.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const time = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => time('created_at').notNull().defaultNow();
// By default rather than always: copying a SQLite database keeps its ids.
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const members = pgTable(
  'members',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone'),
    level: integer('level'),
    department: text('department'),
    isWorkspaceAdmin: boolean('is_workspace_admin').notNull().default(false),
    profileFetchedAt: time('profile_fetched_at'),
    pausedAt: time('paused_at'),
    pausedUntil: time('paused_until'),
    createdAt: createdAt(),
    updatedAt: time('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const topics = pgTable(
  'topics',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    createdAt: createdAt(),
    sourceTopicId: integer('source_topic_id'),
    mergedIntoId: integer('merged_into_id'),
    retiredAt: time('retired_at'),
    curatedAt: time('curated_at'),
  },
  (t) => [uniqueIndex('topics_team_name_key').on(t.teamId, t.nameKey)],
);

export const exclusions = pgTable(
  'exclusions',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    excludedUserId: text('excluded_user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId, t.excludedUserId] }),
    index('exclusions_excluded').on(t.teamId, t.excludedUserId),
  ],
);

export const offers = pgTable(
  'offers',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    capacity: integer('capacity').notNull(),
    note: text('note'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: time('updated_at'),
    cohortId: integer('cohort_id'),
  },
  (t) => [
    uniqueIndex('offers_one_open_per_person')
      .on(t.teamId, t.userId)
      .where(sql`${t.status} = 'open'`),
    index('offers_team_status').on(t.teamId, t.status),
  ],
);

export const offerTopics = pgTable(
  'offer_topics',
  {
    offerId: integer('offer_id')
      .notNull()
      .references(() => offers.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.topicId] }), index('offer_topics_topic').on(t.topicId)],
);

export const requests = pgTable(
  'requests',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    goals: text('goals'),
    status: text('status', { enum: ['open', 'matched', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: time('updated_at'),
    matchedAt: time('matched_at'),
    waitlistNotifiedAt: time('waitlist_notified_at'),
    cohortId: integer('cohort_id'),
  },
  (t) => [
    uniqueIndex('requests_one_open_per_person')
      .on(t.teamId, t.userId)
      .where(sql`${t.status} = 'open'`),
    index('requests_team_status').on(t.teamId, t.status),
  ],
);

export const requestTopics = pgTable(
  'request_topics',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => requests.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.topicId] }), index('request_topics_topic').on(t.topicId)],
);

export const proposals = pgTable(
  'proposals',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    requestId: integer('request_id').references(() => requests.id, { onDelete: 'set null' }),
    offerId: integer('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    mentorId: text('mentor_id'),
    menteeId: text('mentee_id'),
    score: doublePrecision('score').notNull(),
    reasons: jsonb('reasons').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'expired', 'cancelled'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    expiresAt: time('expires_at').notNull(),
    decidedAt: time('decided_at'),
    messageChannelId: text('message_channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [
    index('proposals_team_status').on(t.teamId, t.status),
    index('proposals_request').on(t.requestId),
    index('proposals_offer').on(t.offerId),
    uniqueIndex('proposals_one_pending_per_request')
      .on(t.requestId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const pairs = pgTable(
  'pairs',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    proposalId: integer('proposal_id').references((): AnyPgColumn => proposals.id, {
      onDelete: 'set null',
    }),
    offerId: integer('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    mentorId: text('mentor_id'),
    menteeId: text('mentee_id'),
    levelGap: integer('level_gap').notNull(),
    crossDepartment: boolean('cross_department').notNull(),
    sharedTopics: jsonb('shared_topics').$type<string[]>().notNull(),
    channelId: text('channel_id'),
    status: text('status', { enum: ['active', 'paused', 'ended'] })
      .notNull()
      .default('active'),
    needsAttention: text('needs_attention'),
    startedAt: time('started_at').notNull(),
    endedAt: time('ended_at'),
    endedBy: text('ended_by'),
    inactivityAskedAt: time('inactivity_asked_at'),
    termEndsAt: time('term_ends_at'),
    extensions: integer('extensions').notNull().default(0),
    endReason: text('end_reason', { enum: ['ended', 'not_a_fit', 'wrapped_up', 'left', 'admin'] }),
    cohortId: integer('cohort_id'),
  },
  (t) => [
    index('pairs_team_status').on(t.teamId, t.status),
    index('pairs_mentor').on(t.teamId, t.mentorId),
    index('pairs_mentee').on(t.teamId, t.menteeId),
    index('pairs_channel').on(t.teamId, t.channelId),
  ],
);

export const prompts = pgTable(
  'prompts',
  {
    id: id(),
    teamId: text('team_id').notNull().default(''),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('prompts_team_position').on(t.teamId, t.position)],
);

export const workspacePrompts = pgTable(
  'workspace_prompts',
  {
    teamId: text('team_id').notNull(),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull(),
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.promptId] })],
);

export const promptDeliveries = pgTable(
  'prompt_deliveries',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    weekKey: text('week_key').notNull(),
    promptId: integer('prompt_id').references(() => prompts.id, { onDelete: 'set null' }),
    promptText: text('prompt_text').notNull(),
    status: text('status', { enum: ['reserved', 'sent', 'failed'] })
      .notNull()
      .default('reserved'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    reservedAt: time('reserved_at').notNull(),
    sentAt: time('sent_at'),
    error: text('error'),
    answeredAt: time('answered_at'),
    replyCount: integer('reply_count').notNull().default(0),
    answeredByMentor: boolean('answered_by_mentor').notNull().default(false),
    answeredByMentee: boolean('answered_by_mentee').notNull().default(false),
    outcome: text('outcome', { enum: ['discussed', 'skipped'] }),
    nudgedAt: time('nudged_at'),
  },
  (t) => [
    uniqueIndex('deliveries_pair_week').on(t.pairId, t.weekKey),
    index('deliveries_team_status').on(t.teamId, t.status),
    index('deliveries_message').on(t.teamId, t.channelId, t.messageTs),
  ],
);

export const feedback = pgTable(
  'feedback',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    userId: text('user_id'),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    rating: integer('rating').notNull(),
    wouldRecommend: boolean('would_recommend'),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_team').on(t.teamId), uniqueIndex('feedback_pair_role').on(t.pairId, t.role)],
);

export const processedEvents = pgTable(
  'processed_events',
  {
    teamId: text('team_id').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: time('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.eventId] }), index('processed_events_time').on(t.receivedAt)],
);

export const jobRuns = pgTable('job_runs', {
  job: text('job').primaryKey(),
  lastRunAt: time('last_run_at').notNull(),
  lastSummary: text('last_summary'),
});

export const programmeAdmins = pgTable(
  'programme_admins',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: time('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: time('at').notNull(),
  },
  (t) => [index('audit_entries_team_at').on(t.teamId, t.at)],
);

export const workspaceSettings = pgTable('workspace_settings', {
  teamId: text('team_id').primaryKey(),
  programmeName: text('programme_name'),
  welcomeText: text('welcome_text'),
  promptWeekday: text('prompt_weekday'),
  promptHour: integer('prompt_hour'),
  nudgeEnabled: boolean('nudge_enabled'),
  nudgeAfterHours: integer('nudge_after_hours'),
  minLevelGap: integer('min_level_gap'),
  proposalTtlHours: integer('proposal_ttl_hours'),
  reportHideNames: boolean('report_hide_names'),
  membersAddTopics: boolean('members_add_topics'),
  pairTermWeeks: integer('pair_term_weeks'),
  extensionWeeks: integer('extension_weeks'),
  updatedAt: time('updated_at').notNull(),
});

export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    postedBy: text('posted_by').notNull(),
    postedAt: time('posted_at').notNull(),
  },
  (t) => [index('invitations_team_posted').on(t.teamId, t.postedAt)],
);

export const adminDigestSubscriptions = pgTable(
  'admin_digest_subscriptions',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    weekday: text('weekday').notNull(),
    hour: integer('hour').notNull(),
    timeZone: text('time_zone'),
    updatedAt: time('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

export const adminDigestDeliveries = pgTable(
  'admin_digest_deliveries',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    weekKey: text('week_key').notNull(),
    status: text('status', { enum: ['reserved', 'sent', 'skipped', 'failed'] })
      .notNull()
      .default('reserved'),
    reservedAt: time('reserved_at').notNull(),
    sentAt: time('sent_at'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [uniqueIndex('admin_digest_deliveries_week').on(t.teamId, t.userId, t.weekKey)],
);

export const workspaceLevels = pgTable(
  'workspace_levels',
  {
    teamId: text('team_id').notNull(),
    levelId: integer('level_id').notNull(),
    name: text('name').notNull(),
    position: integer('position'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.levelId] })],
);

export const workspaceDepartments = pgTable(
  'workspace_departments',
  {
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    retired: boolean('retired').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.name] })],
);

// Every message of a pairing's journey (goals, fit check, the mentor's private voice, term, close, follow-ups),
// reserved before it is sent like a prompt delivery: the unique (pair, step, role, round) index makes a second
// copy impossible, whichever process or replica tries. The row stays anonymous after a member leaves.
export const journeyMessages = pgTable(
  'journey_messages',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    // Who it is for: 'mentor', 'mentee' or 'pair' (the group DM).
    role: text('role', { enum: ['mentor', 'mentee', 'pair'] }).notNull(),
    round: integer('round').notNull().default(1),
    status: text('status', { enum: ['reserved', 'sent', 'skipped', 'failed'] })
      .notNull()
      .default('reserved'),
    reservedAt: time('reserved_at').notNull(),
    sentAt: time('sent_at'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [
    uniqueIndex('journey_messages_once').on(t.pairId, t.step, t.role, t.round),
    index('journey_messages_team_status').on(t.teamId, t.status),
  ],
);

// A mentee's goals for a pairing (1–3). The note is what they typed: shown to them and their partner, erased
// when either leaves.
export const pairGoals = pgTable(
  'pair_goals',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    topic: text('topic').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('pair_goals_position').on(t.pairId, t.position), index('pair_goals_team').on(t.teamId)],
);

// How confident the mentee felt about a goal at the start, the middle and the close: private to the mentee,
// reported only as aggregates.
export const goalRatings = pgTable(
  'goal_ratings',
  {
    goalId: integer('goal_id')
      .notNull()
      .references(() => pairGoals.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    stage: text('stage', { enum: ['start', 'middle', 'close'] }).notNull(),
    confidence: integer('confidence').notNull(),
    ratedAt: time('rated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.stage] }), index('goal_ratings_team').on(t.teamId)],
);

// Each person's private answer to the early "is this a good fit?" check (round 2: asked again after "still
// deciding"). Admins see counts only.
export const fitCheckAnswers = pgTable(
  'fit_check_answers',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    round: integer('round').notNull(),
    answer: text('answer', { enum: ['good_fit', 'still_deciding', 'not_a_fit'] }).notNull(),
    answeredAt: time('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.role, t.round] }), index('fit_check_answers_team').on(t.teamId)],
);

// The mentor's private voice, every few weeks: reported only as aggregates. A request to be contacted is the
// one thing admins see with the mentor's name (read from the pair while the mentor is still a member).
export const mentorVoiceAnswers = pgTable(
  'mentor_voice_answers',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    candour: integer('candour').notNull(),
    wantsContact: boolean('wants_contact').notNull().default(false),
    answeredAt: time('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.round] }), index('mentor_voice_answers_team').on(t.teamId)],
);

// Each person's private choice near the end of a term (term = how many extensions the pair had then).
export const termChoices = pgTable(
  'term_choices',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    term: integer('term').notNull(),
    choice: text('choice', { enum: ['extend', 'wrap_up'] }).notNull(),
    answeredAt: time('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.role, t.term] }), index('term_choices_team').on(t.teamId)],
);

// The one thing the senior will do differently, written in the close survey (private to them, erased when they
// leave), and their answers 30 and 60 days later.
export const commitments = pgTable(
  'commitments',
  {
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    userId: text('user_id'),
    text: text('text'),
    createdAt: createdAt(),
    after30Days: text('after_30_days', { enum: ['yes', 'partly', 'not_yet'] }),
    after60Days: text('after_60_days', { enum: ['yes', 'partly', 'not_yet'] }),
  },
  (t) => [primaryKey({ columns: [t.pairId] }), index('commitments_team').on(t.teamId)],
);

// Two people whose pairing ended as "not a good fit": never proposed to each other again. Stored with the lower
// user id first; erased when either leaves.
export const rematchBlocks = pgTable(
  'rematch_blocks',
  {
    teamId: text('team_id').notNull(),
    firstUserId: text('first_user_id').notNull(),
    secondUserId: text('second_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.firstUserId, t.secondUserId] })],
);

// A named cohort: sign-ups inside its window join it, and it is matched once, at its start, over everyone.
export const cohorts = pgTable(
  'cohorts',
  {
    id: id(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    signupOpensAt: time('signup_opens_at').notNull(),
    signupClosesAt: time('signup_closes_at').notNull(),
    startsAt: time('starts_at').notNull(),
    termWeeks: integer('term_weeks').notNull(),
    matchedAt: time('matched_at'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('cohorts_team').on(t.teamId)],
);
