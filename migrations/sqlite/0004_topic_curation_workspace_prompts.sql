CREATE TABLE `workspace_prompts` (
	`team_id` text NOT NULL,
	`prompt_id` integer NOT NULL,
	`position` integer NOT NULL,
	`enabled` integer NOT NULL,
	`text` text,
	PRIMARY KEY(`team_id`, `prompt_id`),
	FOREIGN KEY (`prompt_id`) REFERENCES `prompts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `topics` ADD `source_topic_id` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `merged_into_id` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `retired_at` integer;--> statement-breakpoint
ALTER TABLE `topics` ADD `curated_at` integer;