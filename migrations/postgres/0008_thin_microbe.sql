ALTER TABLE "workspace_settings" ADD COLUMN "pair_term_weeks" integer;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "extension_weeks" integer;