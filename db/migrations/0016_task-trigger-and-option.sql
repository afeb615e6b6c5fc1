ALTER TABLE "tasks" ADD COLUMN "trigger" jsonb;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "option" jsonb;