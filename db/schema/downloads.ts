import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { staffAccounts } from "./accounts";
import { createdAtColumn, updatedAtColumn } from "./columns";

// SPEC D-1 … D-4 and G-4: the files customers download, each on one menu. The bytes live in the blob store
// (lib/blob/store.ts) under `storageKey`; this row is what the pages list and what every download is checked against.
export const downloadMenu = pgEnum("download_menu", [
  // D-1 Deep Discovery™ファミリードキュメントダウンロードサイト: documents by product and version.
  "deep_discovery",
  // D-2 Trend Micro Safe Lock 最新モジュールダウンロード: only with a valid Safe Lock contract of the customer.
  "safe_lock",
  // D-3 Trend Micro Policy Manager™ダウンロードサイト: its module site and its document site.
  "policy_manager_module",
  "policy_manager_document",
  // D-4 最新パターンファイル.
  "pattern",
]);
export const downloadStatus = pgEnum("download_status", ["draft", "published", "withdrawn"]);

export const downloadFiles = pgTable(
  "download_files",
  {
    id: serial("id").primaryKey(),
    menu: downloadMenu("menu").notNull(),
    product: text("product").notNull(),
    version: text("version").notNull(),
    title: text("title").notNull(),
    releaseDate: date("release_date", { mode: "string" }).notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    status: downloadStatus("status").notNull().default("draft"),
    uploadedByStaffId: integer("uploaded_by_staff_id").references(() => staffAccounts.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex("download_files_storage_key_uq").on(t.storageKey),
    index("download_files_menu_idx").on(t.menu, t.status, t.releaseDate),
    check("download_files_sha256_chk", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check("download_files_size_chk", sql`${t.size} >= 0`),
    // The file name is shown and sent in Content-Disposition: no path separators, no control characters.
    check("download_files_file_name_chk", sql`${t.fileName} !~ '[/\\\\[:cntrl:]]' AND length(${t.fileName}) BETWEEN 1 AND 200`),
  ],
);

export type DownloadFile = typeof downloadFiles.$inferSelect;
