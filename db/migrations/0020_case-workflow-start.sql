ALTER TABLE "requests" ADD COLUMN "workflow_input" jsonb;--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "workflow_started_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "requests_unstarted_idx" ON "requests" USING btree ("created_at") WHERE "requests"."workflow_started_at" is null;--> statement-breakpoint
-- custom SQL (kept when the migration is renumbered)
-- Cases from before: a case whose workflow has written a status has a workflow. The ones still 'received' are left
-- unmarked, for the reconciler to look up in Temporal (it marks those it finds and reports those it cannot start).
UPDATE "requests" SET "workflow_started_at" = "created_at" WHERE "status" <> 'received';
