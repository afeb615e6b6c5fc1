CREATE TABLE "audit_anchor_leaves" (
	"leaf_index" bigint PRIMARY KEY NOT NULL,
	"anchor_id" integer NOT NULL,
	"chain" text NOT NULL,
	"seq" bigint NOT NULL,
	"head" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_anchors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_anchors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tree_size" bigint NOT NULL,
	"root_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"frontier" jsonb NOT NULL,
	CONSTRAINT "audit_anchors_treeSize_unique" UNIQUE("tree_size")
);
--> statement-breakpoint
CREATE TABLE "audit_chain_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"anchored_seq" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_merkle_nodes" (
	"level" smallint NOT NULL,
	"index" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_merkle_nodes_level_index_pk" PRIMARY KEY("level","index")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" text DEFAULT 'legacy' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_anchor_leaves" ADD CONSTRAINT "audit_anchor_leaves_anchor_id_audit_anchors_id_fk" FOREIGN KEY ("anchor_id") REFERENCES "public"."audit_anchors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_anchor_leaves_chain_idx" ON "audit_anchor_leaves" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "audit_chain_heads_unanchored_idx" ON "audit_chain_heads" USING btree ("chain") WHERE "audit_chain_heads"."seq" > "audit_chain_heads"."anchored_seq";--> statement-breakpoint
CREATE UNIQUE INDEX "audit_chain_seq_idx" ON "audit_log" USING btree ("chain","seq");--> statement-breakpoint
-- custom SQL (kept when the migration is renumbered)
-- The rows written so far are the old global chain: chain `legacy`, numbered in id order (the trigger is lifted for this
-- backfill only; no content or hash changes).
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
UPDATE audit_log a SET seq = n.rn FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM audit_log) n WHERE a.id = n.id;
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
--> statement-breakpoint
-- The legacy chain's head, anchored: leaf 0 of the tree and the first anchor (a tree of one leaf; its root is the leaf's
-- hash, RFC 9162 §2.1.1). The leaf is the canonical JSON {"chain","head","seq"}, as db/audit-anchor.ts writes it.
INSERT INTO audit_chain_heads (chain, seq, hash, anchored_seq)
SELECT 'legacy', count(*),
       coalesce((SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1), repeat('0', 64)),
       count(*)
FROM audit_log HAVING count(*) > 0;
--> statement-breakpoint
INSERT INTO audit_anchors (tree_size, root_hash, created_at, frontier)
SELECT 1, l.leaf, now(), jsonb_build_array(l.leaf)
FROM (SELECT encode(sha256('\x00'::bytea || convert_to('{"chain":"legacy","head":"' || hash || '","seq":' || seq || '}', 'UTF8')), 'hex') AS leaf
      FROM audit_chain_heads WHERE chain = 'legacy') l;
--> statement-breakpoint
INSERT INTO audit_anchor_leaves (leaf_index, anchor_id, chain, seq, head)
SELECT 0, a.id, h.chain, h.seq, h.hash FROM audit_chain_heads h, audit_anchors a WHERE h.chain = 'legacy' AND a.tree_size = 1;
--> statement-breakpoint
INSERT INTO audit_merkle_nodes (level, index, hash) SELECT 0, 0, root_hash FROM audit_anchors WHERE tree_size = 1;
--> statement-breakpoint
-- Anchors, their leaves and the tree's nodes are append-only too.
CREATE FUNCTION audit_anchor_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON audit_anchors FOR EACH ROW EXECUTE FUNCTION audit_anchor_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_anchor_leaves_append_only BEFORE UPDATE OR DELETE ON audit_anchor_leaves FOR EACH ROW EXECUTE FUNCTION audit_anchor_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_merkle_nodes_append_only BEFORE UPDATE OR DELETE ON audit_merkle_nodes FOR EACH ROW EXECUTE FUNCTION audit_anchor_refuse_change();
