CREATE TABLE `cohorts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`signup_opens_at` integer NOT NULL,
	`signup_closes_at` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`term_weeks` integer NOT NULL,
	`matched_at` integer,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cohorts_team` ON `cohorts` (`team_id`);--> statement-breakpoint
CREATE TABLE `commitments` (
	`pair_id` integer PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text,
	`text` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`after_30_days` text,
	`after_60_days` text,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `commitments_team` ON `commitments` (`team_id`);--> statement-breakpoint
CREATE TABLE `fit_check_answers` (
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`role` text NOT NULL,
	`round` integer NOT NULL,
	`answer` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`pair_id`, `role`, `round`),
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `fit_check_answers_team` ON `fit_check_answers` (`team_id`);--> statement-breakpoint
CREATE TABLE `goal_ratings` (
	`goal_id` integer NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`confidence` integer NOT NULL,
	`rated_at` integer NOT NULL,
	PRIMARY KEY(`goal_id`, `stage`),
	FOREIGN KEY (`goal_id`) REFERENCES `pair_goals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goal_ratings_team` ON `goal_ratings` (`team_id`);--> statement-breakpoint
CREATE TABLE `journey_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`step` text NOT NULL,
	`role` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`reserved_at` integer NOT NULL,
	`sent_at` integer,
	`channel_id` text,
	`message_ts` text,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journey_messages_once` ON `journey_messages` (`pair_id`,`step`,`role`,`round`);--> statement-breakpoint
CREATE INDEX `journey_messages_team_status` ON `journey_messages` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `mentor_voice_answers` (
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`round` integer NOT NULL,
	`candour` integer NOT NULL,
	`wants_contact` integer DEFAULT false NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`pair_id`, `round`),
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mentor_voice_answers_team` ON `mentor_voice_answers` (`team_id`);--> statement-breakpoint
CREATE TABLE `pair_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`position` integer NOT NULL,
	`topic` text NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pair_goals_position` ON `pair_goals` (`pair_id`,`position`);--> statement-breakpoint
CREATE INDEX `pair_goals_team` ON `pair_goals` (`team_id`);--> statement-breakpoint
CREATE TABLE `rematch_blocks` (
	`team_id` text NOT NULL,
	`first_user_id` text NOT NULL,
	`second_user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`team_id`, `first_user_id`, `second_user_id`)
);
--> statement-breakpoint
CREATE TABLE `term_choices` (
	`team_id` text NOT NULL,
	`pair_id` integer NOT NULL,
	`role` text NOT NULL,
	`term` integer NOT NULL,
	`choice` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`pair_id`, `role`, `term`),
	FOREIGN KEY (`pair_id`) REFERENCES `pairs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `term_choices_team` ON `term_choices` (`team_id`);--> statement-breakpoint
ALTER TABLE `offers` ADD `cohort_id` integer;--> statement-breakpoint
ALTER TABLE `pairs` ADD `term_ends_at` integer;--> statement-breakpoint
ALTER TABLE `pairs` ADD `extensions` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairs` ADD `end_reason` text;--> statement-breakpoint
ALTER TABLE `pairs` ADD `cohort_id` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `cohort_id` integer;