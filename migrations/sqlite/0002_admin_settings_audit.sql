CREATE TABLE `audit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`subject` text NOT NULL,
	`before` text,
	`after` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entries_team_at` ON `audit_entries` (`team_id`,`at`);--> statement-breakpoint
CREATE TABLE `programme_admins` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `workspace_settings` (
	`team_id` text PRIMARY KEY NOT NULL,
	`programme_name` text,
	`welcome_text` text,
	`prompt_weekday` text,
	`prompt_hour` integer,
	`nudge_enabled` integer,
	`nudge_after_hours` integer,
	`min_level_gap` integer,
	`proposal_ttl_hours` integer,
	`report_hide_names` integer,
	`members_add_topics` integer,
	`updated_at` integer NOT NULL
);
