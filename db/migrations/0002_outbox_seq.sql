DROP INDEX "mail_outbox_created_idx";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_outbox_seq_idx" ON "mail_outbox" USING btree ("seq" DESC NULLS LAST);