ALTER TABLE `workspace_settings` ADD `pair_term_weeks` integer;--> statement-breakpoint
ALTER TABLE `workspace_settings` ADD `extension_weeks` integer;