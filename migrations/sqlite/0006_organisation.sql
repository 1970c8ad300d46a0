CREATE TABLE `workspace_departments` (
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`retired` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`team_id`, `name`)
);
--> statement-breakpoint
CREATE TABLE `workspace_levels` (
	`team_id` text NOT NULL,
	`level_id` integer NOT NULL,
	`name` text NOT NULL,
	`position` integer,
	PRIMARY KEY(`team_id`, `level_id`)
);
