CREATE TABLE "rule_pack_built_in_versions" (
	"hash" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"version" text NOT NULL,
	"pack" jsonb NOT NULL,
	"first_bound_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_pack_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pack_id" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"hash" text NOT NULL,
	"base_hash" text,
	"effective_from" text NOT NULL,
	"pack" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "rule_pack_versions" (
	"hash" text PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"jurisdiction" text NOT NULL,
	"version" text NOT NULL,
	"effective_from" text NOT NULL,
	"pack" jsonb NOT NULL,
	"proposal_id" uuid NOT NULL,
	"proposed_by" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "pack_hash" text;--> statement-breakpoint
ALTER TABLE "rule_pack_proposals" ADD CONSTRAINT "rule_pack_proposals_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_pack_proposals" ADD CONSTRAINT "rule_pack_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_pack_versions" ADD CONSTRAINT "rule_pack_versions_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_pack_versions" ADD CONSTRAINT "rule_pack_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_pack_proposals_status_idx" ON "rule_pack_proposals" USING btree ("status","jurisdiction");--> statement-breakpoint
CREATE INDEX "rule_pack_versions_pack_idx" ON "rule_pack_versions" USING btree ("jurisdiction","pack_id","effective_from");