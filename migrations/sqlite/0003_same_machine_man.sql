CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text NOT NULL,
	`posted_by` text NOT NULL,
	`posted_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `invitations_team_posted` ON `invitations` (`team_id`,`posted_at`);