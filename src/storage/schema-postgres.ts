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
