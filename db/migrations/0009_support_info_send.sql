ALTER TABLE "support_info_mails" ADD COLUMN "total_recipients" integer;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "enqueued" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "cursor_account_id" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "sending_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "sent_by_staff_id" integer;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "batch_key" text;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD CONSTRAINT "support_info_mails_sent_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("sent_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_outbox_batch_idx" ON "mail_outbox" USING btree ("batch_key") WHERE "mail_outbox"."batch_key" IS NOT NULL;