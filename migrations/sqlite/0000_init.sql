CREATE TABLE `exclusions` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`excluded_user_id` text NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`, `excluded_user_id`)
);
--> statement-breakpoint
CREATE INDEX `exclusions_excluded` ON `exclusions` (`team_id`,`excluded_user_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`user_id` text,
	`role` text NOT NULL,
	`rating` integer NOT NULL,
	`would_recommend` integer,
	`comment` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_team` ON `feedback` (`team_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_pair_role` ON `feedback` (`pair_id`,`role`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text PRIMARY KEY NOT NULL,
	`last_run_at` integer NOT NULL,
	`last_summary` text
);
--> statement-breakpoint
CREATE TABLE `members` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`time_zone` text,
	`level` integer,
	`department` text,
	`is_workspace_admin` integer DEFAULT false NOT NULL,
	`profile_fetched_at` integer,
	`paused_at` integer,
	`paused_until` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `offer_topics` (
	`offer_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`offer_id`, `topic_id`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offer_topics_topic` ON `offer_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`capacity` integer NOT NULL,
	`note` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offers_one_open_per_person` ON `offers` (`team_id`,`user_id`) WHERE "offers"."status" = 'open';--> statement-breakpoint
CREATE INDEX `offers_team_status` ON `offers` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `pairs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`proposal_id` integer,
	`offer_id` integer,
	`mentor_id` text,
	`mentee_id` text,
	`level_gap` integer NOT NULL,
	`cross_department` integer NOT NULL,
	`shared_topics` text NOT NULL,
	`channel_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`needs_attention` text,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`ended_by` text,
	`inactivity_asked_at` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `pairs_team_status` ON `pairs` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairs_mentor` ON `pairs` (`team_id`,`mentor_id`);--> statement-breakpoint
CREATE INDEX `pairs_mentee` ON `pairs` (`team_id`,`mentee_id`);--> statement-breakpoint
CREATE INDEX `pairs_channel` ON `pairs` (`team_id`,`channel_id`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`team_id` text NOT NULL,
	`event_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `processed_events_time` ON `processed_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `prompt_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`week_key` text NOT NULL,
	`prompt_id` integer,
	`prompt_text` text NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`channel_id` text,
	`message_ts` text,
	`reserved_at` integer NOT NULL,
	`sent_at` integer,
	`error` text,
	`answered_at` integer,
	`reply_count` integer DEFAULT 0 NOT NULL,
	`answered_by_mentor` integer DEFAULT false NOT NULL,
	`answered_by_mentee` integer DEFAULT false NOT NULL,
	`outcome` text,
	`nudged_at` integer,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_pair_week` ON `prompt_deliveries` (`pair_id`,`week_key`);--> statement-breakpoint
CREATE INDEX `deliveries_team_status` ON `prompt_deliveries` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `deliveries_message` ON `prompt_deliveries` (`team_id`,`channel_id`,`message_ts`);--> statement-breakpoint
CREATE TABLE `prompts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `prompts_team_position` ON `prompts` (`team_id`,`position`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`request_id` integer,
	`offer_id` integer,
	`mentor_id` text,
	`mentee_id` text,
	`score` real NOT NULL,
	`reasons` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`decided_at` integer,
	`message_channel_id` text,
	`message_ts` text,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `proposals_team_status` ON `proposals` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `proposals_request` ON `proposals` (`request_id`);--> statement-breakpoint
CREATE INDEX `proposals_offer` ON `proposals` (`offer_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_one_pending_per_request` ON `proposals` (`request_id`) WHERE "proposals"."status" = 'pending';--> statement-breakpoint
CREATE TABLE `request_topics` (
	`request_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`request_id`, `topic_id`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_topics_topic` ON `request_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`goals` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`updated_at` integer,
	`matched_at` integer,
	`waitlist_notified_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `requests_one_open_per_person` ON `requests` (`team_id`,`user_id`) WHERE "requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX `requests_team_status` ON `requests` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_team_name_key` ON `topics` (`team_id`,`name_key`);