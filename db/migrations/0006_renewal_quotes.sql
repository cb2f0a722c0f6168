CREATE TABLE "renewal_quotes" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"customer_account_id" integer NOT NULL,
	"quote_date" date NOT NULL,
	"valid_until" date NOT NULL,
	"customer" jsonb NOT NULL,
	"lines" jsonb NOT NULL,
	"subtotal_yen" bigint NOT NULL,
	"tax_rate_percent" integer NOT NULL,
	"tax_yen" bigint NOT NULL,
	"total_yen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "renewal_quotes" ADD CONSTRAINT "renewal_quotes_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "renewal_quotes" ADD CONSTRAINT "renewal_quotes_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "renewal_quotes_license_idx" ON "renewal_quotes" USING btree ("license_id","created_at");--> statement-breakpoint
CREATE INDEX "renewal_quotes_account_idx" ON "renewal_quotes" USING btree ("customer_account_id");