// The whole domain in SQLite. Every table carries the Slack team id so one database can serve several
// workspaces; every query filters on it. Times are stored as epoch milliseconds.
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch() * 1000)`);

export const members = sqliteTable(
  'members',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone'),
    level: integer('level'),
    department: text('department'),
    isWorkspaceAdmin: integer('is_workspace_admin', { mode: 'boolean' }).notNull().default(false),
    profileFetchedAt: integer('profile_fetched_at', { mode: 'timestamp_ms' }),
    // A pause stops prompts and matching; pausedUntil null while paused means "until resumed".
    pausedAt: integer('paused_at', { mode: 'timestamp_ms' }),
    pausedUntil: integer('paused_until', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

// Topics with team_id '' are the install-wide default catalogue; a workspace's catalogue is those plus its own.
export const topics = sqliteTable(
  'topics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    // Lower-cased, space-collapsed name: custom topics are de-duplicated on it.
    nameKey: text('name_key').notNull(),
    createdAt: createdAt(),
    // An admin's change to a default topic is made on the workspace's own copy of it, which hides the default
    // for that workspace only: the install-wide catalogue stays as seeded for everyone else.
    sourceTopicId: integer('source_topic_id'),
    // Merged into another topic: hidden, its name still finds the topic it was merged into.
    mergedIntoId: integer('merged_into_id'),
    // Retired: no longer offered in the offer and find forms; offers and requests that have it keep it.
    retiredAt: integer('retired_at', { mode: 'timestamp_ms' }),
    // Set when an admin added or changed it: erasing the member who first typed it then keeps it.
    curatedAt: integer('curated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('topics_team_name_key').on(t.teamId, t.nameKey)],
);

// "Don't match me with": one list per person, edited from either modal.
export const exclusions = sqliteTable(
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

export const offers = sqliteTable(
  'offers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    capacity: integer('capacity').notNull(),
    note: text('note'),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    // Signed up during a cohort's sign-up window: matched with that cohort at its start. Null: evergreen.
    cohortId: integer('cohort_id'),
  },
  (t) => [
    uniqueIndex('offers_one_open_per_person')
      .on(t.teamId, t.userId)
      .where(sql`${t.status} = 'open'`),
    index('offers_team_status').on(t.teamId, t.status),
  ],
);

export const offerTopics = sqliteTable(
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

export const requests = sqliteTable(
  'requests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    goals: text('goals'),
    status: text('status', { enum: ['open', 'matched', 'closed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    matchedAt: integer('matched_at', { mode: 'timestamp_ms' }),
    // Set once the person has been told they are on the waitlist, so they are told only once.
    waitlistNotifiedAt: integer('waitlist_notified_at', { mode: 'timestamp_ms' }),
    cohortId: integer('cohort_id'),
  },
  (t) => [
    uniqueIndex('requests_one_open_per_person')
      .on(t.teamId, t.userId)
      .where(sql`${t.status} = 'open'`),
    index('requests_team_status').on(t.teamId, t.status),
  ],
);

export const requestTopics = sqliteTable(
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

export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    requestId: integer('request_id').references(() => requests.id, { onDelete: 'set null' }),
    offerId: integer('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    // Null once a person has left: the row stays so "never propose these two again" cannot be replayed.
    mentorId: text('mentor_id'),
    menteeId: text('mentee_id'),
    score: real('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'declined', 'expired', 'cancelled'] })
      .notNull()
      .default('pending'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    messageChannelId: text('message_channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [
    index('proposals_team_status').on(t.teamId, t.status),
    index('proposals_request').on(t.requestId),
    index('proposals_offer').on(t.offerId),
    // At most one pending proposal per request: a request gets one mentor at a time.
    uniqueIndex('proposals_one_pending_per_request')
      .on(t.requestId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const pairs = sqliteTable(
  'pairs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    proposalId: integer('proposal_id').references((): AnySQLiteColumn => proposals.id, {
      onDelete: 'set null',
    }),
    offerId: integer('offer_id').references(() => offers.id, { onDelete: 'set null' }),
    // Null after a member leaves: the pair stays as an anonymous row so programme figures stay right.
    mentorId: text('mentor_id'),
    menteeId: text('mentee_id'),
    // Facts about the pair kept apart from the profiles, for the same reason.
    levelGap: integer('level_gap').notNull(),
    crossDepartment: integer('cross_department', { mode: 'boolean' }).notNull(),
    sharedTopics: text('shared_topics', { mode: 'json' }).$type<string[]>().notNull(),
    channelId: text('channel_id'),
    status: text('status', { enum: ['active', 'paused', 'ended'] })
      .notNull()
      .default('active'),
    needsAttention: text('needs_attention'),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    endedBy: text('ended_by'),
    inactivityAskedAt: integer('inactivity_asked_at', { mode: 'timestamp_ms' }),
    // The end of the pairing's term; null for pairs from before terms, which run from their start for the
    // default term (see src/domain/pairing-journey.ts).
    termEndsAt: integer('term_ends_at', { mode: 'timestamp_ms' }),
    extensions: integer('extensions').notNull().default(0),
    // Why it ended: how the outcomes report tells early exits from wrap-ups. Null for pairs ended before it.
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

// Prompts with team_id '' are the install-wide library (seeded from the #SMchat questions).
export const prompts = sqliteTable(
  'prompts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull().default(''),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('prompts_team_position').on(t.teamId, t.position)],
);

// A workspace's own view of the prompt library once an admin changed it in Slack: the order, whether each prompt
// is sent, and edited wording. The install-wide prompts themselves are never changed from a workspace.
export const workspacePrompts = sqliteTable(
  'workspace_prompts',
  {
    teamId: text('team_id').notNull(),
    promptId: integer('prompt_id')
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull(),
    // Null: the library's own wording.
    text: text('text'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.promptId] })],
);

export const promptDeliveries = sqliteTable(
  'prompt_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    weekKey: text('week_key').notNull(),
    promptId: integer('prompt_id').references(() => prompts.id, { onDelete: 'set null' }),
    // The question as it was sent: editing or disabling the library never rewrites history.
    promptText: text('prompt_text').notNull(),
    status: text('status', { enum: ['reserved', 'sent', 'failed'] })
      .notNull()
      .default('reserved'),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
    reservedAt: integer('reserved_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    error: text('error'),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    replyCount: integer('reply_count').notNull().default(0),
    answeredByMentor: integer('answered_by_mentor', { mode: 'boolean' }).notNull().default(false),
    answeredByMentee: integer('answered_by_mentee', { mode: 'boolean' }).notNull().default(false),
    outcome: text('outcome', { enum: ['discussed', 'skipped'] }),
    nudgedAt: integer('nudged_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    // Exactly once: one delivery per pair and ISO week.
    uniqueIndex('deliveries_pair_week').on(t.pairId, t.weekKey),
    index('deliveries_team_status').on(t.teamId, t.status),
    index('deliveries_message').on(t.teamId, t.channelId, t.messageTs),
  ],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    // Null after the author leaves; the rating stays for the figures, the comment is erased.
    userId: text('user_id'),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    rating: integer('rating').notNull(),
    wouldRecommend: integer('would_recommend', { mode: 'boolean' }),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [index('feedback_team').on(t.teamId), uniqueIndex('feedback_pair_role').on(t.pairId, t.role)],
);

// Events API retries the same event; its id is remembered so each is handled once.
export const processedEvents = sqliteTable(
  'processed_events',
  {
    teamId: text('team_id').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.eventId] }), index('processed_events_time').on(t.receivedAt)],
);

// When each scheduled job last completed, for the daily match and for /healthz.
export const jobRuns = sqliteTable('job_runs', {
  job: text('job').primaryKey(),
  lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }).notNull(),
  lastSummary: text('last_summary'),
});

// Programme admins added in Slack by another admin. MENTOR_ADMINS and Slack's own admins and owners are not
// stored: they are read from the environment and from Slack at the moment of each check.
export const programmeAdmins = sqliteTable(
  'programme_admins',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

// Every change an admin makes: who, what, when, and the value before and after (JSON), never message text.
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('audit_entries_team_at').on(t.teamId, t.at)],
);

// A workspace's own programme settings; a null column means "the install's default" (the environment's).
export const workspaceSettings = sqliteTable('workspace_settings', {
  teamId: text('team_id').primaryKey(),
  programmeName: text('programme_name'),
  welcomeText: text('welcome_text'),
  promptWeekday: text('prompt_weekday'),
  promptHour: integer('prompt_hour'),
  nudgeEnabled: integer('nudge_enabled', { mode: 'boolean' }),
  nudgeAfterHours: integer('nudge_after_hours'),
  minLevelGap: integer('min_level_gap'),
  proposalTtlHours: integer('proposal_ttl_hours'),
  reportHideNames: integer('report_hide_names', { mode: 'boolean' }),
  membersAddTopics: integer('members_add_topics', { mode: 'boolean' }),
  pairTermWeeks: integer('pair_term_weeks'),
  extensionWeeks: integer('extension_weeks'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

// Each invitation an admin posted to a channel: where and when, so a later one can say how many joined since.
export const invitations = sqliteTable(
  'invitations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    postedBy: text('posted_by').notNull(),
    postedAt: integer('posted_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('invitations_team_posted').on(t.teamId, t.postedAt)],
);

// Admins who asked for the weekly digest: the local weekday and hour they chose, in their Slack time zone as it
// was when they chose (read again whenever they change it).
export const adminDigestSubscriptions = sqliteTable(
  'admin_digest_subscriptions',
  {
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    weekday: text('weekday').notNull(),
    hour: integer('hour').notNull(),
    timeZone: text('time_zone'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] })],
);

// One row per admin and local ISO week, reserved before the digest is sent: the unique index makes a second
// digest for the same week impossible, whichever process or replica tries.
export const adminDigestDeliveries = sqliteTable(
  'admin_digest_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    weekKey: text('week_key').notNull(),
    status: text('status', { enum: ['reserved', 'sent', 'skipped', 'failed'] })
      .notNull()
      .default('reserved'),
    reservedAt: integer('reserved_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    channelId: text('channel_id'),
    messageTs: text('message_ts'),
  },
  (t) => [uniqueIndex('admin_digest_deliveries_week').on(t.teamId, t.userId, t.weekKey)],
);

// A workspace's level ladder once an admin has changed it; until then it has the default ladder. A level's id
// is what members.level holds, so renaming or moving a level rewrites no member. A removed level keeps its row
// with no position: earlier proposals still name it, and its id is never given to another level.
export const workspaceLevels = sqliteTable(
  'workspace_levels',
  {
    teamId: text('team_id').notNull(),
    levelId: integer('level_id').notNull(),
    name: text('name').notNull(),
    // 1 for the most junior; null once removed.
    position: integer('position'),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.levelId] })],
);

// A workspace's departments once an admin has changed them (members.department holds the name); a retired
// one is hidden from new sign-ups and kept for the people in it.
export const workspaceDepartments = sqliteTable(
  'workspace_departments',
  {
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    retired: integer('retired', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.name] })],
);

// Every message of a pairing's journey (goals, fit check, the mentor's private voice, term, close, follow-ups),
// reserved before it is sent like a prompt delivery: the unique (pair, step, role, round) index makes a second
// copy impossible, whichever process or replica tries. The row stays anonymous after a member leaves.
export const journeyMessages = sqliteTable(
  'journey_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
    reservedAt: integer('reserved_at', { mode: 'timestamp_ms' }).notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
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
export const pairGoals = sqliteTable(
  'pair_goals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
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
export const goalRatings = sqliteTable(
  'goal_ratings',
  {
    goalId: integer('goal_id')
      .notNull()
      .references(() => pairGoals.id, { onDelete: 'cascade' }),
    teamId: text('team_id').notNull(),
    stage: text('stage', { enum: ['start', 'middle', 'close'] }).notNull(),
    confidence: integer('confidence').notNull(),
    ratedAt: integer('rated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.goalId, t.stage] }), index('goal_ratings_team').on(t.teamId)],
);

// Each person's private answer to the early "is this a good fit?" check (round 2: asked again after "still
// deciding"). Admins see counts only.
export const fitCheckAnswers = sqliteTable(
  'fit_check_answers',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    round: integer('round').notNull(),
    answer: text('answer', { enum: ['good_fit', 'still_deciding', 'not_a_fit'] }).notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.role, t.round] }), index('fit_check_answers_team').on(t.teamId)],
);

// The mentor's private voice, every few weeks: reported only as aggregates. A request to be contacted is the
// one thing admins see with the mentor's name (read from the pair while the mentor is still a member).
export const mentorVoiceAnswers = sqliteTable(
  'mentor_voice_answers',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    candour: integer('candour').notNull(),
    wantsContact: integer('wants_contact', { mode: 'boolean' }).notNull().default(false),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.round] }), index('mentor_voice_answers_team').on(t.teamId)],
);

// Each person's private choice near the end of a term (term = how many extensions the pair had then).
export const termChoices = sqliteTable(
  'term_choices',
  {
    teamId: text('team_id').notNull(),
    pairId: integer('pair_id')
      .notNull()
      .references(() => pairs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['mentor', 'mentee'] }).notNull(),
    term: integer('term').notNull(),
    choice: text('choice', { enum: ['extend', 'wrap_up'] }).notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pairId, t.role, t.term] }), index('term_choices_team').on(t.teamId)],
);

// The one thing the senior will do differently, written in the close survey (private to them, erased when they
// leave), and their answers 30 and 60 days later.
export const commitments = sqliteTable(
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
export const rematchBlocks = sqliteTable(
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
export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    signupOpensAt: integer('signup_opens_at', { mode: 'timestamp_ms' }).notNull(),
    signupClosesAt: integer('signup_closes_at', { mode: 'timestamp_ms' }).notNull(),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    termWeeks: integer('term_weeks').notNull(),
    matchedAt: integer('matched_at', { mode: 'timestamp_ms' }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('cohorts_team').on(t.teamId)],
);
