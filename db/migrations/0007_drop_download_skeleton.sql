-- Issue 13 (SPEC D, G-4): the earlier, never-used skeleton of download_files / pattern_files is replaced by one
-- download_files table (db/schema/downloads.ts, migration 0008); no code ever wrote to these tables.
DROP TABLE "download_files" CASCADE;--> statement-breakpoint
DROP TABLE "pattern_files" CASCADE;--> statement-breakpoint
DROP TYPE "public"."download_area";