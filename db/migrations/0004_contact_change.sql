ALTER TABLE "license_contracts" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "corporate_registry" ADD COLUMN "search_kana" text;--> statement-breakpoint
ALTER TABLE "corporate_registry" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "corporate_registry" ADD COLUMN "closed_reason" text;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_change_requests_pending_uq" ON "contact_change_requests" USING btree ("license_id","role") WHERE "contact_change_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "corporate_registry_kana_prefix_idx" ON "corporate_registry" USING btree ("search_kana" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "corporate_registry_kana_trgm_idx" ON "corporate_registry" USING gin ("search_kana" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "corporate_registry_postal_idx" ON "corporate_registry" USING btree ("postal_code");