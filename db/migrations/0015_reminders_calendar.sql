CREATE TYPE "public"."reminder_send_status" AS ENUM('sent', 'skipped');--> statement-breakpoint
CREATE TABLE "calendar_feed_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_account_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_opt_outs" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"license_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_opt_outs_uq" UNIQUE NULLS NOT DISTINCT("email","license_id")
);
--> statement-breakpoint
CREATE TABLE "reminder_runs" (
	"run_date" date PRIMARY KEY NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_sends" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"end_date" date NOT NULL,
	"threshold" smallint NOT NULL,
	"email" text NOT NULL,
	"status" "reminder_send_status" NOT NULL,
	"reason" text,
	"run_date" date NOT NULL,
	"outbox_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_outbox_id_mail_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."mail_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_tokens_hash_uq" ON "calendar_feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_tokens_active_uq" ON "calendar_feed_tokens" USING btree ("customer_account_id") WHERE "calendar_feed_tokens"."revoked_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reminder_sends_once_uq" ON "reminder_sends" USING btree ("license_id","end_date","threshold","email");--> statement-breakpoint
CREATE INDEX "reminder_sends_run_date_idx" ON "reminder_sends" USING btree ("run_date");--> statement-breakpoint
CREATE INDEX "license_contracts_end_date_idx" ON "license_contracts" USING btree ("end_date");