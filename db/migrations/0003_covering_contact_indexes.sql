DROP INDEX "contract_contacts_email_idx";--> statement-breakpoint
DROP INDEX "contract_contacts_previous_email_idx";--> statement-breakpoint
DROP INDEX "contract_products_license_idx";--> statement-breakpoint
CREATE INDEX "contract_contacts_email_idx" ON "contract_contacts" USING btree ("email","license_id","email_effective_at");--> statement-breakpoint
CREATE INDEX "contract_contacts_previous_email_idx" ON "contract_contacts" USING btree ("previous_email","license_id","email_effective_at") WHERE "contract_contacts"."previous_email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contract_products_license_idx" ON "contract_products" USING btree ("license_id","product_id");