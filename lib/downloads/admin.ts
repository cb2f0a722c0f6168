import "server-only";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { and, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { downloadFiles, downloadMenu, type DownloadFile } from "@/db/schema";
import type { StaffActor } from "@/lib/auth/actor";
import { authorizeStaff } from "@/lib/auth/permissions";
import { staffAuditEvent, writeAudit } from "@/lib/audit";
import { blobStore, type StoredBlob } from "@/lib/blob/store";
import { now } from "@/lib/clock";
import { listedColumns } from "./files";

// SPEC G-4: operators upload files into the blob store (streamed, hashed on the way: constant
// memory for files of several GB — not through a server action's body, see the upload route), edit their metadata,
// publish and withdraw them. A new file is a draft until published; a withdrawn file is never served again.

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "invalid");

/**
 * What a file is sent under: no path, not a dot name (a path-traversal name is refused), and nothing that is not
 * shown as what it is — no control character, no invisible format character (a right-to-left override U+202E makes
 * "manual_fdp.exe" read as "manual_exe.pdf" to the customer who downloads it; the other bidi controls, zero widths),
 * no lone surrogate or private-use character, and no U+FFFD (a name whose encoding was lost on the way).
 */
export const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[/\\\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFFFD]/u.test(name) && name !== "." && name !== ".." && name.trim() === name, "invalid");

export const fileMetaSchema = z.object({
  menu: z.enum(downloadMenu.enumValues),
  product: z.string().min(1).max(120),
  version: z.string().min(1).max(60),
  title: z.string().min(1).max(200),
  releaseDate: isoDate,
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

const CONTENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  txt: "text/plain; charset=utf-8",
};

/** By the name's extension: what the browser is told (never what the uploader's browser claimed). */
export function contentTypeOf(fileName: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? "";
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

/** A key of ours: files/<uuid>[.<ext>] — the uploader's name never becomes a path. */
export function storageKeyFor(fileName: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  return `files/${randomUUID()}${extension ? `.${extension}` : ""}`;
}

/** Who uploads which file, under what name: what both upload paths are given. */
type NewFile = { actor: StaffActor; meta: FileMeta; fileName: string };
type UploadedFile = { id: number; size: number; sha256: string };

export async function uploadDownloadFile({ actor, meta, fileName, body }: NewFile & { body: Readable }): Promise<UploadedFile> {
  authorizeStaff(actor, "files.publish");
  const store = await blobStore();
  const key = storageKeyFor(fileName);
  const contentType = contentTypeOf(fileName);
  const stored = await store.put(key, body, { contentType });
  return registerUploadedFile({ actor, meta, fileName, contentType, key, stored });
}

/**
 * A file whose bytes are in the store under `key` (size and SHA-256 as the app measured them) becomes a draft row,
 * with its audit row `files.uploaded` in the same transaction. Both upload paths end here.
 */
export async function registerUploadedFile({
  actor,
  meta,
  fileName,
  contentType,
  key,
  stored,
}: NewFile & { contentType: string; key: string; stored: StoredBlob }): Promise<UploadedFile> {
  authorizeStaff(actor, "files.publish");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(downloadFiles)
      .values({
        ...meta,
        fileName,
        contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: key,
        status: "draft",
        uploadedByStaffId: actor.accountId,
        createdAt: now(),
        updatedAt: now(),
      })
      .returning({ id: downloadFiles.id });
    await writeAudit(
      staffAuditEvent(actor, "files.uploaded", { type: "download_file", id: row!.id }, { fileName, size: stored.size, sha256: stored.sha256, menu: meta.menu }),
      tx,
    );
    return { id: row!.id, size: stored.size, sha256: stored.sha256 };
  });
}

export type AdminFileRow = Pick<
  DownloadFile,
  "id" | "menu" | "product" | "version" | "title" | "releaseDate" | "fileName" | "size" | "sha256" | "status" | "publishedAt" | "withdrawnAt" | "createdAt"
>;

/** An AdminFileRow: the list's columns, which the edit screen reads too. */
const adminColumns = {
  ...listedColumns,
  status: downloadFiles.status,
  publishedAt: downloadFiles.publishedAt,
  withdrawnAt: downloadFiles.withdrawnAt,
  createdAt: downloadFiles.createdAt,
};

export async function listAllFiles({ actor }: { actor: StaffActor }): Promise<AdminFileRow[]> {
  authorizeStaff(actor, "files.publish");
  const db = await getDb();
  return db.select(adminColumns).from(downloadFiles).orderBy(desc(downloadFiles.createdAt), desc(downloadFiles.id));
}

/**
 * Publish (a draft, or a withdrawn file put back) or withdraw (a published file): one conditional UPDATE, so that
 * a second click or a stale page changes nothing; audited.
 */
export async function setFileStatus({ actor, fileId, to }: { actor: StaffActor; fileId: number; to: "published" | "withdrawn" }): Promise<boolean> {
  authorizeStaff(actor, "files.publish");
  const db = await getDb();
  const at = now();
  const from: DownloadFile["status"][] = to === "published" ? ["draft", "withdrawn"] : ["published"];
  const [row] = await db
    .update(downloadFiles)
    .set(to === "published" ? { status: to, publishedAt: at, withdrawnAt: null, updatedAt: at } : { status: to, withdrawnAt: at, updatedAt: at })
    .where(and(eq(downloadFiles.id, fileId), inArray(downloadFiles.status, from)))
    .returning({ id: downloadFiles.id, fileName: downloadFiles.fileName });
  if (!row) return false;
  await writeAudit(
    staffAuditEvent(actor, to === "published" ? "files.published" : "files.withdrawn", { type: "download_file", id: fileId }, { fileName: row.fileName }),
  );
  return true;
}

/** One file for G-4's edit screen, or null. */
export async function getFileForEdit({ actor, fileId }: { actor: StaffActor; fileId: number }): Promise<AdminFileRow | null> {
  authorizeStaff(actor, "files.publish");
  const db = await getDb();
  const [row] = await db.select(adminColumns).from(downloadFiles).where(eq(downloadFiles.id, fileId));
  return row ?? null;
}

/**
 * G-4 edit: product, version, title, release date and menu (the bytes, their name and hash stay; a new file is a new
 * upload). The change and its audit row (the changed fields before and after) in one transaction, the row locked
 * meanwhile; a file that is not there, or a form that changes nothing, writes nothing.
 */
export async function updateFileMeta({
  actor,
  fileId,
  meta,
}: {
  actor: StaffActor;
  fileId: number;
  meta: FileMeta;
}): Promise<"updated" | "unchanged" | "not_found"> {
  authorizeStaff(actor, "files.publish");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        menu: downloadFiles.menu,
        product: downloadFiles.product,
        version: downloadFiles.version,
        title: downloadFiles.title,
        releaseDate: downloadFiles.releaseDate,
      })
      .from(downloadFiles)
      .where(eq(downloadFiles.id, fileId))
      .for("update");
    if (!before) return "not_found";
    const changed = (Object.keys(meta) as (keyof FileMeta)[]).filter((key) => before[key] !== meta[key]);
    if (!changed.length) return "unchanged";
    await tx
      .update(downloadFiles)
      .set({ ...meta, updatedAt: now() })
      .where(eq(downloadFiles.id, fileId));
    // Flat, as audit details are: versionBefore / versionAfter, … for each changed field.
    const details = Object.fromEntries(
      changed.flatMap((key) => [
        [`${key}Before`, before[key]],
        [`${key}After`, meta[key]],
      ]),
    );
    await writeAudit(staffAuditEvent(actor, "files.edited", { type: "download_file", id: fileId }, details), tx);
    return "updated";
  });
}
