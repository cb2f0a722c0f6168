ALTER TABLE "issuance_requests" ADD COLUMN "source_line_id" integer;--> statement-breakpoint
ALTER TABLE "issuance_requests" ADD CONSTRAINT "issuance_requests_source_line_id_contract_products_id_fk" FOREIGN KEY ("source_line_id") REFERENCES "public"."contract_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issuance_requests_source_idx" ON "issuance_requests" USING btree ("source_line_id");--> statement-breakpoint
CREATE INDEX "issuance_tokens_request_idx" ON "issuance_tokens" USING btree ("request_id");