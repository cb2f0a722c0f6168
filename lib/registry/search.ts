import "server-only";
import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { corporateRegistry } from "@/db/schema";
import { registrySearchKey } from "./normalise";

// B-6 法人名情報の検索 (B-5 ③-2, ③-3): by 法人名 — kana-insensitive (the name or its フリガナ), width-insensitive —,
// narrowed by 都道府県 and 郵便番号 when given. Order: exact name first, then names that start with it, then names that
// contain it; then by name. Closed companies come back marked (the screen does not offer them). Paged.
//
// Index use: a prefix is a range on the text_pattern_ops btrees of search_name and search_kana; a partial name
// (three characters or more) is answered by the trigram indexes. Below three characters a trigram index cannot
// help, so a short name is searched as a prefix only unless 郵便番号 narrows it (its own btree).

export const REGISTRY_PAGE_SIZE = 20;

export type RegistryHit = {
  corporateNumber: string;
  name: string;
  nameKana: string | null;
  prefecture: string | null;
  city: string | null;
  street: string | null;
  postalCode: string | null;
  closedAt: string | null;
  match: "exact" | "prefix" | "partial";
};

/** The columns of a registry entry as the screens show it (B-5's choice, G-3's side-by-side view). */
export const registryCompanyColumns = {
  corporateNumber: corporateRegistry.corporateNumber,
  name: corporateRegistry.name,
  prefecture: corporateRegistry.prefecture,
  city: corporateRegistry.city,
  street: corporateRegistry.street,
  postalCode: corporateRegistry.postalCode,
  closedAt: corporateRegistry.closedAt,
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export async function searchRegistry({ name, prefecture, postalCode, page = 1, pageSize = REGISTRY_PAGE_SIZE }: { name: string; prefecture?: string; postalCode?: string; page?: number; pageSize?: number }): Promise<{ hits: RegistryHit[]; total: number; key: string }> {
  const key = registrySearchKey(name);
  if (!key) return { hits: [], total: 0, key };
  const like = escapeLike(key);
  const prefix = `${like}%`;
  const partial = `%${like}%`;
  const partialAllowed = key.length >= 3 || Boolean(postalCode);
  const nameMatch: SQL = partialAllowed
    ? or(sql`${corporateRegistry.searchName} LIKE ${partial}`, sql`${corporateRegistry.searchKana} LIKE ${partial}`)!
    : or(sql`${corporateRegistry.searchName} LIKE ${prefix}`, sql`${corporateRegistry.searchKana} LIKE ${prefix}`)!;
  const rank = sql<number>`CASE WHEN ${corporateRegistry.searchName} = ${key} OR ${corporateRegistry.searchKana} = ${key} THEN 0 WHEN ${corporateRegistry.searchName} LIKE ${prefix} OR ${corporateRegistry.searchKana} LIKE ${prefix} THEN 1 ELSE 2 END`;
  const db = await getDb();
  const rows = await db
    .select({
      ...registryCompanyColumns,
      nameKana: corporateRegistry.nameKana,
      rank: rank.mapWith(Number),
      total: sql<number>`count(*) OVER ()`.mapWith(Number),
    })
    .from(corporateRegistry)
    .where(and(nameMatch, prefecture ? eq(corporateRegistry.prefecture, prefecture) : undefined, postalCode ? eq(corporateRegistry.postalCode, postalCode) : undefined))
    .orderBy(asc(rank), asc(corporateRegistry.searchName), asc(corporateRegistry.corporateNumber))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const total = rows[0]?.total ?? 0;
  const hits = rows.map(({ rank: r, total: _t, ...row }) => ({ ...row, match: r === 0 ? ("exact" as const) : r === 1 ? ("prefix" as const) : ("partial" as const) }));
  return { hits, total, key };
}

/** G-3: the registry rows most like a typed name, for the review's side-by-side view (a name not found at B-5). */
export async function registryCandidates(name: string, limit = 3): Promise<RegistryHit[]> {
  return (await searchRegistry({ name, pageSize: limit })).hits;
}
