-- Custom SQL migration file, put your code below! --
-- custom SQL (kept when the migration is renumbered)
-- The domain metrics (api/plugins/domain-metrics.ts) read every task's department, step, status and instants at each
-- scrape: from these covering indexes by an index-only scan instead of a sequential scan of the wide rows (each task
-- carries its deadline explanation, ~1.3 kB). drizzle cannot declare INCLUDE, hence custom SQL.
CREATE INDEX IF NOT EXISTS "tasks_metrics_idx" ON "tasks" USING btree ("assignee_department_id", "step", "status") INCLUDE ("due_at", "completed_at", "created_at", "option");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "escalations_metrics_idx" ON "escalations" USING btree ("rung", "responsible_department_id");
