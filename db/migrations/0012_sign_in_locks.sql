CREATE TYPE "public"."lock_subject" AS ENUM('account', 'address');--> statement-breakpoint
CREATE TABLE "sign_in_locks" (
	"scope" "throttle_scope" NOT NULL,
	"subject" "lock_subject" NOT NULL,
	"key" text NOT NULL,
	"locked_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone NOT NULL,
	"refusals" integer DEFAULT 0 NOT NULL,
	"last_refused_at" timestamp with time zone,
	CONSTRAINT "sign_in_locks_scope_subject_key_pk" PRIMARY KEY("scope","subject","key")
);
--> statement-breakpoint
CREATE INDEX "sign_in_locks_locked_at_idx" ON "sign_in_locks" USING btree ("locked_at");