CREATE TABLE "workspace_departments" (
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "workspace_departments_team_id_name_pk" PRIMARY KEY("team_id","name")
);
--> statement-breakpoint
CREATE TABLE "workspace_levels" (
	"team_id" text NOT NULL,
	"level_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer,
	CONSTRAINT "workspace_levels_team_id_level_id_pk" PRIMARY KEY("team_id","level_id")
);
