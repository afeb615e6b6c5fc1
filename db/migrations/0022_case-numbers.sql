CREATE TABLE "case_number_counters" (
	"jurisdiction" text NOT NULL,
	"process" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_number_counters_jurisdiction_process_year_pk" PRIMARY KEY("jurisdiction","process","year")
);
--> statement-breakpoint
ALTER TABLE "requests" ADD COLUMN "case_number" text;--> statement-breakpoint
CREATE UNIQUE INDEX "requests_case_number_idx" ON "requests" USING btree ("case_number");--> statement-breakpoint
CREATE INDEX "requests_catalogue_entry_idx" ON "requests" USING btree ("catalogue_entry_id");--> statement-breakpoint
CREATE INDEX "requests_created_by_idx" ON "requests" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "tasks_claimed_by_idx" ON "tasks" USING btree ("claimed_by");--> statement-breakpoint
CREATE INDEX "tasks_completed_by_idx" ON "tasks" USING btree ("completed_by");--> statement-breakpoint
-- custom SQL (kept when the migration is renumbered)
-- 受理编号 (docs/CASE-NUMBERS.md, local policy): jurisdiction + 数共 + process + 〔year〕 + serial (4 digits or more) + 号.
CREATE OR REPLACE FUNCTION case_number_text(jurisdiction text, process text, year integer, serial integer) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (CASE jurisdiction WHEN 'hebei' THEN '冀' WHEN 'anhui' THEN '皖' WHEN 'national' THEN '国' ELSE upper(jurisdiction) END)
    || '数共'
    || (CASE process WHEN 'share-request' THEN '申' WHEN 'catalogue-change' THEN '变' WHEN 'quality-dispute' THEN '异'
         WHEN 'negative-list' THEN '负' WHEN 'data-inconsistency' THEN '协' ELSE '案' END)
    || '〔' || year::text || '〕' || lpad(serial::text, greatest(4, char_length(serial::text)), '0') || '号'
$$;
--> statement-breakpoint
-- Every earlier case numbered in the order received (then created), per jurisdiction, process and Beijing year.
WITH numbered AS (
  SELECT id, jurisdiction, process, extract(year FROM received_at AT TIME ZONE 'Asia/Shanghai')::int AS year,
    row_number() OVER (
      PARTITION BY jurisdiction, process, extract(year FROM received_at AT TIME ZONE 'Asia/Shanghai')
      ORDER BY received_at, created_at, id
    )::int AS serial
  FROM requests
)
UPDATE requests r SET case_number = case_number_text(n.jurisdiction, n.process, n.year, n.serial) FROM numbered n WHERE r.id = n.id;
--> statement-breakpoint
INSERT INTO case_number_counters (jurisdiction, process, year, last)
SELECT jurisdiction, process, extract(year FROM received_at AT TIME ZONE 'Asia/Shanghai')::int, count(*)::int
FROM requests GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Every new case takes the next number of its jurisdiction, process and Beijing year of receipt from its counter, in the
-- transaction that inserts it: the counter row stays locked until that transaction ends (concurrent creations queue),
-- and a rolled-back insert gives its number back (no gaps). A BEFORE trigger runs before ON CONFLICT is checked, so
-- api/create-case.ts rolls back a case whose idempotency key was already used.
CREATE OR REPLACE FUNCTION requests_take_case_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_number IS NULL THEN
    INSERT INTO case_number_counters AS c (jurisdiction, process, year, last)
    VALUES (NEW.jurisdiction, NEW.process, extract(year FROM NEW.received_at AT TIME ZONE 'Asia/Shanghai')::int, 1)
    ON CONFLICT (jurisdiction, process, year) DO UPDATE SET last = c.last + 1
    RETURNING case_number_text(c.jurisdiction, c.process, c.year, c.last) INTO NEW.case_number;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER requests_take_case_number BEFORE INSERT ON requests FOR EACH ROW EXECUTE FUNCTION requests_take_case_number();
--> statement-breakpoint
ALTER TABLE requests ALTER COLUMN case_number SET NOT NULL;
--> statement-breakpoint
-- Keyword search (api/search.ts): the case's own words, lower-cased, and their distinct two-character grams. Bigrams,
-- not pg_trgm's trigrams: a Chinese word is often two characters (学历, 户籍), which gives no trigram, and pg_trgm drops
-- CJK characters entirely under a C ctype; this index works whatever the database's locale.
CREATE OR REPLACE FUNCTION case_search_doc(case_number text, catalogue_entry_id text, scenario text, details jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(concat_ws(' ', case_number, catalogue_entry_id, scenario,
    details->>'description', details->>'basis', details->>'reason', details->>'inconsistency',
    details->>'legalBasis', details->>'trigger', details->>'evidence'))
$$;
--> statement-breakpoint
-- COST: computing the grams of a row is far dearer than reading them from the index; the planner must know it.
CREATE OR REPLACE FUNCTION search_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[])
  FROM (SELECT substr(t, i, 2) AS g FROM generate_series(1, char_length(t) - 1) AS i) grams
  WHERE g !~ '\s'
$$;
--> statement-breakpoint
CREATE INDEX requests_search_grams_idx ON requests USING gin (search_grams(case_search_doc(case_number, catalogue_entry_id, scenario, details)));
