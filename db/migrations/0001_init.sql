CREATE TYPE "public"."change_actor" AS ENUM('customer', 'staff', 'system');--> statement-breakpoint
CREATE TYPE "public"."contact_role" AS ENUM('contract', 'support');--> statement-breakpoint
CREATE TYPE "public"."contract_status" AS ENUM('active', 'expired', 'registering', 'invalid');--> statement-breakpoint
CREATE TYPE "public"."contract_product_source" AS ENUM('order', 'issued');--> statement-breakpoint
CREATE TYPE "public"."principal_type" AS ENUM('customer', 'staff');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('marketer', 'operator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."throttle_scope" AS ENUM('customer_login', 'staff_login', 'temporary_password', 'license_check');--> statement-breakpoint
CREATE TYPE "public"."change_request_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."issuance_kind" AS ENUM('apex_one', 'virus_buster', 'apex_central', 'offline');--> statement-breakpoint
CREATE TYPE "public"."issuance_status" AS ENUM('requested', 'issued', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."download_area" AS ENUM('deep_discovery', 'safe_lock', 'policy_manager_module', 'policy_manager_document');--> statement-breakpoint
CREATE TYPE "public"."notice_category" AS ENUM('support_news', 'site');--> statement-breakpoint
CREATE TYPE "public"."support_info_status" AS ENUM('draft', 'sending', 'sent');--> statement-breakpoint
CREATE TYPE "public"."mail_outbox_status" AS ENUM('pending', 'sending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."audit_actor" AS ENUM('customer', 'staff', 'anonymous', 'system');--> statement-breakpoint
CREATE TABLE "product_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"handled_by_site" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "product_prices" (
	"id" serial PRIMARY KEY NOT NULL,
	"product_id" integer NOT NULL,
	"min_quantity" integer NOT NULL,
	"max_quantity" integer,
	"unit_price_yen" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	CONSTRAINT "product_prices_qty_chk" CHECK ("product_prices"."min_quantity" >= 1 AND ("product_prices"."max_quantity" IS NULL OR "product_prices"."max_quantity" >= "product_prices"."min_quantity")),
	CONSTRAINT "product_prices_price_chk" CHECK ("product_prices"."unit_price_yen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_successors" (
	"product_id" integer NOT NULL,
	"successor_product_id" integer NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_successors_product_id_successor_product_id_pk" PRIMARY KEY("product_id","successor_product_id")
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"category_id" integer NOT NULL,
	"excluded_from_site" boolean DEFAULT false NOT NULL,
	"needs_renewal" boolean DEFAULT true NOT NULL,
	"excluded_from_renewal_quote" boolean DEFAULT false NOT NULL,
	"code_prefix" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_code_unique" UNIQUE("code"),
	CONSTRAINT "products_code_prefix_chk" CHECK ("products"."code_prefix" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" serial PRIMARY KEY NOT NULL,
	"corporate_number" text,
	"name" text NOT NULL,
	"branch_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"role" "contact_role" NOT NULL,
	"company_name" text NOT NULL,
	"branch_name" text,
	"department" text,
	"person_name" text NOT NULL,
	"postal_code" text,
	"prefecture" text,
	"address" text,
	"phone" text,
	"email" text NOT NULL,
	"email_effective_at" timestamp with time zone DEFAULT now() NOT NULL,
	"previous_email" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_contacts_email_lower_chk" CHECK ("contract_contacts"."email" = lower("contract_contacts"."email"))
);
--> statement-breakpoint
CREATE TABLE "contract_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"actor_type" "change_actor" NOT NULL,
	"actor_id" integer,
	"actor_email" text,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_products" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"product_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"support_end_date" date NOT NULL,
	"activation_code" text,
	"activation_code_key" text,
	"source" "contract_product_source" DEFAULT 'order' NOT NULL,
	"issuance_request_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_products_qty_chk" CHECK ("contract_products"."quantity" >= 1),
	CONSTRAINT "contract_products_code_key_chk" CHECK ("contract_products"."activation_code_key" ~ '^[A-Z0-9]+$')
);
--> statement-breakpoint
CREATE TABLE "license_contracts" (
	"license_id" bigint PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"product_id" integer NOT NULL,
	"status" "contract_status" NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"support_end_date" date NOT NULL,
	"hidden_by_customer" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "license_contracts_dates_chk" CHECK ("license_contracts"."end_date" >= "license_contracts"."start_date")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"principal_type" "principal_type" NOT NULL,
	"customer_account_id" integer,
	"staff_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"client_address" "inet",
	"user_agent" text,
	CONSTRAINT "auth_sessions_owner_chk" CHECK (num_nonnulls("auth_sessions"."customer_account_id", "auth_sessions"."staff_account_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "customer_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text,
	"password_changed_at" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'ja' NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_accounts_email_lower_chk" CHECK ("customer_accounts"."email" = lower("customer_accounts"."email"))
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_account_id" integer,
	"staff_account_id" integer,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_history_owner_chk" CHECK (num_nonnulls("password_history"."customer_account_id", "password_history"."staff_account_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" "throttle_scope" NOT NULL,
	"account_key" text,
	"client_address" "inet",
	"succeeded" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "staff_role" NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"disabled_at" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_accounts_email_lower_chk" CHECK ("staff_accounts"."email" = lower("staff_accounts"."email"))
);
--> statement-breakpoint
CREATE TABLE "temporary_passwords" (
	"id" serial PRIMARY KEY NOT NULL,
	"customer_account_id" integer NOT NULL,
	"password_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_change_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"customer_account_id" integer NOT NULL,
	"role" text NOT NULL,
	"corporate_number" text,
	"requested_company_name" text NOT NULL,
	"requested_branch_name" text,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"status" "change_request_status" DEFAULT 'pending' NOT NULL,
	"due_date" date NOT NULL,
	"reviewed_by_staff_id" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corporate_registry" (
	"corporate_number" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"search_name" text NOT NULL,
	"prefecture" text,
	"city" text,
	"street" text,
	"postal_code" text,
	"closed_at" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuance_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "issuance_kind" NOT NULL,
	"license_id" bigint NOT NULL,
	"customer_account_id" integer NOT NULL,
	"contact_email" text NOT NULL,
	"items" jsonb NOT NULL,
	"status" "issuance_status" DEFAULT 'requested' NOT NULL,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuance_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "download_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"version" text NOT NULL,
	"release_date" date NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"blob_key" text NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"area" "download_area" NOT NULL,
	"product_name" text NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_subscriptions" (
	"customer_account_id" integer PRIMARY KEY NOT NULL,
	"subscribed" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"category" "notice_category" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"important" boolean DEFAULT false NOT NULL,
	"publish_from" timestamp with time zone,
	"publish_until" timestamp with time zone,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pattern_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"version" text NOT NULL,
	"release_date" date NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"content_type" text NOT NULL,
	"blob_key" text NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_info_deliveries" (
	"mail_id" integer NOT NULL,
	"customer_account_id" integer NOT NULL,
	"outbox_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_info_deliveries_mail_id_customer_account_id_pk" PRIMARY KEY("mail_id","customer_account_id")
);
--> statement-breakpoint
CREATE TABLE "support_info_mails" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" "support_info_status" DEFAULT 'draft' NOT NULL,
	"sent_at" timestamp with time zone,
	"created_by_staff_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"template" text NOT NULL,
	"from_address" text NOT NULL,
	"to_addresses" text[] NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"status" "mail_outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" "audit_actor" NOT NULL,
	"actor_id" integer,
	"actor_email" text,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"client_address" "inet",
	"details" jsonb
);
--> statement-breakpoint
ALTER TABLE "product_prices" ADD CONSTRAINT "product_prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_successors" ADD CONSTRAINT "product_successors_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_successors" ADD CONSTRAINT "product_successors_successor_product_id_products_id_fk" FOREIGN KEY ("successor_product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_category_id_product_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."product_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_contacts" ADD CONSTRAINT "contract_contacts_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_history" ADD CONSTRAINT "contract_history_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_products" ADD CONSTRAINT "contract_products_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_products" ADD CONSTRAINT "contract_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_products" ADD CONSTRAINT "contract_products_issuance_request_id_issuance_requests_id_fk" FOREIGN KEY ("issuance_request_id") REFERENCES "public"."issuance_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_contracts" ADD CONSTRAINT "license_contracts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_contracts" ADD CONSTRAINT "license_contracts_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_staff_account_id_staff_accounts_id_fk" FOREIGN KEY ("staff_account_id") REFERENCES "public"."staff_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "temporary_passwords" ADD CONSTRAINT "temporary_passwords_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_change_requests" ADD CONSTRAINT "contact_change_requests_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_change_requests" ADD CONSTRAINT "contact_change_requests_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_change_requests" ADD CONSTRAINT "contact_change_requests_reviewed_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("reviewed_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuance_requests" ADD CONSTRAINT "issuance_requests_license_id_license_contracts_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license_contracts"("license_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuance_requests" ADD CONSTRAINT "issuance_requests_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuance_tokens" ADD CONSTRAINT "issuance_tokens_request_id_issuance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."issuance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_files" ADD CONSTRAINT "download_files_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_subscriptions" ADD CONSTRAINT "mail_subscriptions_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pattern_files" ADD CONSTRAINT "pattern_files_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_info_deliveries" ADD CONSTRAINT "support_info_deliveries_mail_id_support_info_mails_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."support_info_mails"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_info_deliveries" ADD CONSTRAINT "support_info_deliveries_customer_account_id_customer_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."customer_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_info_deliveries" ADD CONSTRAINT "support_info_deliveries_outbox_id_mail_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."mail_outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_info_mails" ADD CONSTRAINT "support_info_mails_created_by_staff_id_staff_accounts_id_fk" FOREIGN KEY ("created_by_staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_prices_tier_uq" ON "product_prices" USING btree ("product_id","valid_from","min_quantity");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "companies_corporate_number_idx" ON "companies" USING btree ("corporate_number");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_contacts_role_uq" ON "contract_contacts" USING btree ("license_id","role");--> statement-breakpoint
CREATE INDEX "contract_contacts_email_idx" ON "contract_contacts" USING btree ("email","license_id");--> statement-breakpoint
CREATE INDEX "contract_contacts_previous_email_idx" ON "contract_contacts" USING btree ("previous_email","license_id") WHERE "contract_contacts"."previous_email" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contract_history_license_idx" ON "contract_history" USING btree ("license_id","created_at");--> statement-breakpoint
CREATE INDEX "contract_products_license_idx" ON "contract_products" USING btree ("license_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_products_code_key_uq" ON "contract_products" USING btree ("activation_code_key");--> statement-breakpoint
CREATE INDEX "license_contracts_company_idx" ON "license_contracts" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "license_contracts_product_idx" ON "license_contracts" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "auth_sessions_customer_idx" ON "auth_sessions" USING btree ("customer_account_id") WHERE "auth_sessions"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "auth_sessions_staff_idx" ON "auth_sessions" USING btree ("staff_account_id") WHERE "auth_sessions"."ended_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_accounts_email_uq" ON "customer_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "password_history_customer_idx" ON "password_history" USING btree ("customer_account_id","created_at");--> statement-breakpoint
CREATE INDEX "password_history_staff_idx" ON "password_history" USING btree ("staff_account_id","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_account_idx" ON "sign_in_attempts" USING btree ("scope","account_key","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_client_idx" ON "sign_in_attempts" USING btree ("scope","client_address","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_accounts_email_uq" ON "staff_accounts" USING btree ("email");--> statement-breakpoint
CREATE INDEX "temporary_passwords_account_idx" ON "temporary_passwords" USING btree ("customer_account_id") WHERE "temporary_passwords"."used_at" IS NULL AND "temporary_passwords"."voided_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contact_change_requests_queue_idx" ON "contact_change_requests" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "contact_change_requests_license_idx" ON "contact_change_requests" USING btree ("license_id");--> statement-breakpoint
CREATE INDEX "corporate_registry_search_prefix_idx" ON "corporate_registry" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "corporate_registry_search_trgm_idx" ON "corporate_registry" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "corporate_registry_pref_postal_idx" ON "corporate_registry" USING btree ("prefecture","postal_code");--> statement-breakpoint
CREATE INDEX "issuance_requests_license_idx" ON "issuance_requests" USING btree ("license_id");--> statement-breakpoint
CREATE INDEX "issuance_requests_account_idx" ON "issuance_requests" USING btree ("customer_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "issuance_tokens_hash_uq" ON "issuance_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "download_files_area_idx" ON "download_files" USING btree ("area","release_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notices_published_idx" ON "notices" USING btree ("publish_from" DESC NULLS LAST) WHERE "notices"."publish_from" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "pattern_files_release_idx" ON "pattern_files" USING btree ("release_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "support_info_mails_sent_idx" ON "support_info_mails" USING btree ("sent_at" DESC NULLS LAST) WHERE "support_info_mails"."status" = 'sent';--> statement-breakpoint
CREATE INDEX "mail_outbox_due_idx" ON "mail_outbox" USING btree ("next_attempt_at") WHERE "mail_outbox"."status" IN ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "mail_outbox_created_idx" ON "mail_outbox" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mail_outbox_to_idx" ON "mail_outbox" USING gin ("to_addresses");--> statement-breakpoint
CREATE INDEX "mail_outbox_failed_idx" ON "mail_outbox" USING btree ("created_at") WHERE "mail_outbox"."status" = 'failed';--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_email","at" DESC NULLS LAST);