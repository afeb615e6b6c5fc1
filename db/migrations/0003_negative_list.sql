CREATE TABLE "negative_list" (
	"catalogue_entry_id" text PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"legal_basis" text NOT NULL,
	"approved_by" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "negative_list" ADD CONSTRAINT "negative_list_catalogue_entry_id_catalogue_entries_id_fk" FOREIGN KEY ("catalogue_entry_id") REFERENCES "public"."catalogue_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list" ADD CONSTRAINT "negative_list_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE no action ON UPDATE no action;