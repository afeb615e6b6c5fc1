CREATE TABLE "calendar_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction" text NOT NULL,
	"year" integer NOT NULL,
	"base_version" integer NOT NULL,
	"schedule" jsonb NOT NULL,
	"previous_schedule" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"proposed_by" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "calendar_region_years" (
	"jurisdiction" text NOT NULL,
	"year" integer NOT NULL,
	"schedule" jsonb NOT NULL,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"amended_at" timestamp with time zone,
	CONSTRAINT "calendar_region_years_jurisdiction_year_pk" PRIMARY KEY("jurisdiction","year")
);
--> statement-breakpoint
ALTER TABLE "calendar_years" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD COLUMN "amended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_amendments" ADD CONSTRAINT "calendar_amendments_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_amendments" ADD CONSTRAINT "calendar_amendments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_region_years" ADD CONSTRAINT "calendar_region_years_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_amendments_status_idx" ON "calendar_amendments" USING btree ("status","jurisdiction","year");