CREATE TABLE `admin_digest_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`week_key` text NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`reserved_at` integer NOT NULL,
	`sent_at` integer,
	`channel_id` text,
	`message_ts` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_digest_deliveries_week` ON `admin_digest_deliveries` (`team_id`,`user_id`,`week_key`);--> statement-breakpoint
CREATE TABLE `admin_digest_subscriptions` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`weekday` text NOT NULL,
	`hour` integer NOT NULL,
	`time_zone` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
