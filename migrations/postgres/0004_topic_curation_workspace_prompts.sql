CREATE TABLE "workspace_prompts" (
	"team_id" text NOT NULL,
	"prompt_id" integer NOT NULL,
	"position" integer NOT NULL,
	"enabled" boolean NOT NULL,
	"text" text,
	CONSTRAINT "workspace_prompts_team_id_prompt_id_pk" PRIMARY KEY("team_id","prompt_id")
);
--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "source_topic_id" integer;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "curated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace_prompts" ADD CONSTRAINT "workspace_prompts_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;