import "server-only";
import { and, asc, desc, eq, exists, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contractProducts, downloadFiles, licenseContracts, products, type DownloadFile } from "@/db/schema";
import type { CustomerActor, VisibilityActor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { tokyoDate } from "@/lib/dates";
import { parseLicenseIdInput } from "@/lib/issuance/requests";
import { activationCodeKey, isActivationCodeKey } from "@/lib/licenses/activation-code";
import { searchContract, type SearchMessage } from "@/lib/licenses/search";
import { visibleTo } from "@/lib/licenses/visibility";
import { getThrottleState, recordAttempt } from "@/lib/security/throttle";

// SPEC D-1 … D-4: what the download pages list and what a download is checked against. Only published
// files are listed or served (a withdrawn file is never served again, even through an old link); D-2's files only
// with a valid Safe Lock contract visible to the customer, checked again on every download, not only on the list.

export type DownloadMenu = DownloadFile["menu"];
export type ListedFile = Pick<DownloadFile, "id" | "menu" | "product" | "version" | "title" | "releaseDate" | "fileName" | "size" | "sha256">;

/** The columns every list of files shows (SPEC D): the customers' pages and G-4's. */
export const listedColumns = {
  id: downloadFiles.id,
  menu: downloadFiles.menu,
  product: downloadFiles.product,
  version: downloadFiles.version,
  title: downloadFiles.title,
  releaseDate: downloadFiles.releaseDate,
  fileName: downloadFiles.fileName,
  size: downloadFiles.size,
  sha256: downloadFiles.sha256,
};

/** The published files of a menu: by product, newest release first (D-4: the latest pattern files first). */
export async function listPublishedFiles(menu: DownloadMenu): Promise<ListedFile[]> {
  const db = await getDb();
  return db
    .select(listedColumns)
    .from(downloadFiles)
    .where(and(eq(downloadFiles.menu, menu), eq(downloadFiles.status, "published")))
    .orderBy(asc(downloadFiles.product), desc(downloadFiles.releaseDate), desc(downloadFiles.id));
}

/** The product code whose valid contract opens D-2's files. */
export const SAFE_LOCK_PRODUCT = "SAFE_LOCK";

/**
 * D-2's entitlement: `licenseId` is a contract visible to the customer (B-0), 有効 and not past its end (Tokyo), with
 * an ordered Safe Lock line. Asked by the list and again by every download.
 */
export async function hasSafeLockEntitlement({ actor, licenseId }: { actor: VisibilityActor; licenseId: number }): Promise<boolean> {
  const db = await getDb();
  const at = now();
  const [row] = await db
    .select({ licenseId: licenseContracts.licenseId })
    .from(licenseContracts)
    .where(
      and(
        eq(licenseContracts.licenseId, licenseId),
        visibleTo(actor.email, at),
        eq(licenseContracts.status, "active"),
        sql`${licenseContracts.endDate} >= ${tokyoDate(at)}`,
        exists(
          db
            .select({ one: sql`1` })
            .from(contractProducts)
            .innerJoin(products, eq(products.id, contractProducts.productId))
            .where(
              and(
                sql`${contractProducts.licenseId} = ${licenseContracts.licenseId}`,
                eq(products.code, SAFE_LOCK_PRODUCT),
                eq(contractProducts.source, "order"),
              ),
            ),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export type Servable = Pick<DownloadFile, "id" | "menu" | "storageKey" | "size" | "sha256" | "fileName" | "contentType">;

/**
 * One download, authorized on the server for this request: the file is published; a D-2 file needs the Safe Lock
 * entitlement of the contract named in the link. Written to the audit log (who, which file, which contract).
 * Anything else is undefined: the caller answers 404 whatever the reason. `record: false` for the parts of a download
 * that continue one (a Range not from byte 0, a HEAD): one audit row per download, not per resumed piece.
 */
export async function authorizeDownload({
  actor,
  fileId,
  licenseId,
  record = true,
}: {
  actor: CustomerActor;
  fileId: number;
  licenseId?: number;
  record?: boolean;
}): Promise<Servable | undefined> {
  const db = await getDb();
  const [file] = await db
    .select({
      id: downloadFiles.id,
      menu: downloadFiles.menu,
      storageKey: downloadFiles.storageKey,
      size: downloadFiles.size,
      sha256: downloadFiles.sha256,
      fileName: downloadFiles.fileName,
      contentType: downloadFiles.contentType,
    })
    .from(downloadFiles)
    .where(and(eq(downloadFiles.id, fileId), eq(downloadFiles.status, "published")))
    .limit(1);
  if (!file) return undefined;
  if (file.menu === "safe_lock" && (licenseId === undefined || !(await hasSafeLockEntitlement({ actor, licenseId })))) return undefined;
  if (!record) return file;
  await writeAudit({
    actorType: "customer",
    actorId: actor.accountId,
    actorEmail: actor.email,
    action: "download.file",
    targetType: "download_file",
    targetId: file.id,
    clientAddress: actor.clientAddress,
    details: {
      menu: file.menu,
      fileName: file.fileName,
      licenseId: licenseId ?? null,
    },
  });
  return file;
}

// --- D-2 ① ② 「次へ」 ------------------------------------------------------------------------------------------------

export type SafeLockProblem =
  | {
      kind: "field";
      field: "licenseId" | "code";
      reason: "required" | "nonDigit" | "codeFormat";
    }
  | { kind: "search"; message: SearchMessage }
  | { kind: "notSafeLock"; licenseId: number }
  | { kind: "codeMismatch"; licenseId: number };

/** ② as typed or pasted: the part after 「SO－」, or the whole code (its 「SO」 then dropped), normalised like B-7. */
export function safeLockCodeKey(raw: string): string | undefined {
  const key = activationCodeKey(raw);
  if (!key) return undefined;
  return key.startsWith("SO") && key.length > 29 ? key : `SO${key}`;
}

/**
 * D-2 「次へ」: ① found by B-7's search (B-8's messages, the A-8 throttle), a valid Safe Lock contract of the customer;
 * ② the code of its Safe Lock line. A code that is not the license's counts as a failed look-up, as in C-1.
 */
export async function checkSafeLockAccess({
  actor,
  licenseId: licenseInput,
  code,
}: {
  actor: CustomerActor;
  licenseId: string;
  code: string;
}): Promise<{ ok: true; licenseId: number } | { ok: false; problem: SafeLockProblem }> {
  const licenseId = parseLicenseIdInput(licenseInput);
  if (typeof licenseId !== "number")
    return {
      ok: false,
      problem: {
        kind: "field",
        field: "licenseId",
        reason: licenseId.kind === "field" && licenseId.reason === "required" ? "required" : "nonDigit",
      },
    };
  const key = safeLockCodeKey(code);
  if (!key)
    return {
      ok: false,
      problem: { kind: "field", field: "code", reason: "required" },
    };
  if (!isActivationCodeKey(key))
    return {
      ok: false,
      problem: { kind: "field", field: "code", reason: "codeFormat" },
    };
  const found = await searchContract({ actor, query: String(licenseId) });
  if (!found.ok) return { ok: false, problem: { kind: "search", message: found.message } };
  if (!(await hasSafeLockEntitlement({ actor, licenseId }))) return { ok: false, problem: { kind: "notSafeLock", licenseId } };
  const throttleKey = {
    scope: "license_check" as const,
    accountKey: actor.email,
    clientAddress: actor.clientAddress,
  };
  if ((await getThrottleState(throttleKey)).locked)
    return {
      ok: false,
      problem: { kind: "search", message: { kind: "locked" } },
    };
  const db = await getDb();
  const [line] = await db
    .select({ id: contractProducts.id })
    .from(contractProducts)
    .innerJoin(products, eq(products.id, contractProducts.productId))
    .where(and(eq(contractProducts.licenseId, licenseId), eq(contractProducts.activationCodeKey, key), eq(products.code, SAFE_LOCK_PRODUCT)))
    .limit(1);
  if (!line) {
    await recordAttempt(throttleKey, false);
    return { ok: false, problem: { kind: "codeMismatch", licenseId } };
  }
  return { ok: true, licenseId };
}
