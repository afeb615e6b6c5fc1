ALTER TABLE "tasks" ADD COLUMN "decisions" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reason_required_for" text[] DEFAULT '{}' NOT NULL;