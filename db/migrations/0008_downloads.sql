CREATE TYPE "public"."download_menu" AS ENUM('deep_discovery', 'safe_lock', 'policy_manager_module', 'policy_manager_document', 'pattern');--> statement-breakpoint
CREATE TYPE "public"."download_status" AS ENUM('draft', 'published', 'withdrawn');--> statement-breakpoint
CREATE TABLE "download_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"menu" "download_menu" NOT NULL,
	"product" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"release_date" date NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"status" "download_status" DEFAULT 'draft' NOT NULL,
	"uploaded_by_staff_id" integer,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "download_files_sha256_chk" CHECK ("download_files"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "download_files_size_chk" CHECK ("download_files"."size" >= 0),
	CONSTRAINT "download_files_file_name_chk" CHECK ("download_files"."file_name" !~ '[/\\[:cntrl:]]' AND length("download_files"."file_name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "download_files" ADD CONSTRAINT "download_files_uploaded_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("uploaded_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "download_files_storage_key_uq" ON "download_files" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "download_files_menu_idx" ON "download_files" USING btree ("menu","status","release_date");