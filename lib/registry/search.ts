import "server-only";
import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { corporateRegistry } from "@/db/schema";
import { registrySearchKey } from "./normalise";

// B-6 法人名情報の検索 (B-5 ③-2, ③-3): by 法人名 — kana-insensitive (the name or its フリガナ), width-insensitive —,
// narrowed by 都道府県 and 郵便番号 when given. Order: exact name first, then names that start with it, then names that
// contain it (those by 法人番号, see searchRegistry). Closed companies come back marked (the screen does not offer them). Paged.
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

/**
 * Counting stops here (ten pages): a common name matches 100,000 companies of the national file, and nobody pages
 * through them — the screen says 「200件以上」 and asks to narrow. Counting the partial tier to this cap reads about
 * 8,000 rows of the 5,000,000 for 「テクノ」 (bench registry-partial); to 1,000 it read 39,000 and was the bottleneck.
 */
export const REGISTRY_COUNT_CAP = 200;

/**
 * Two tiers, each its own indexed query, so that page 1 of a common name costs what its 20 rows cost:
 * (1) the exact name and the names that start with it — a range on the prefix btrees, ordered by rank and name;
 * (2) the names that contain it elsewhere — ordered by 法人番号, which the planner answers from the primary key,
 *     stopping after the page (a common name) or from the trigram indexes (a rare one).
 * Each tier is counted up to REGISTRY_COUNT_CAP; `capped` says the total is at least that.
 */
export async function searchRegistry({
  name,
  prefecture,
  postalCode,
  page = 1,
  pageSize = REGISTRY_PAGE_SIZE,
}: {
  name: string;
  prefecture?: string;
  postalCode?: string;
  page?: number;
  pageSize?: number;
}): Promise<{ hits: RegistryHit[]; total: number; capped: boolean; key: string }> {
  const key = registrySearchKey(name);
  if (!key) return { hits: [], total: 0, capped: false, key };
  const like = escapeLike(key);
  const prefix = `${like}%`;
  const partial = `%${like}%`;
  const partialAllowed = key.length >= 3 || Boolean(postalCode);
  const filters = [
    prefecture ? eq(corporateRegistry.prefecture, prefecture) : undefined,
    postalCode ? eq(corporateRegistry.postalCode, postalCode) : undefined,
  ];
  const prefixMatch = or(sql`${corporateRegistry.searchName} LIKE ${prefix}`, sql`${corporateRegistry.searchKana} LIKE ${prefix}`)!;
  const partialMatch = or(sql`${corporateRegistry.searchName} LIKE ${partial}`, sql`${corporateRegistry.searchKana} LIKE ${partial}`)!;
  const tiers: SQL[] = [and(prefixMatch, ...filters)!];
  if (partialAllowed) tiers.push(and(partialMatch, sql`NOT coalesce(${prefixMatch}, false)`, ...filters)!); // フリガナ may be NULL
  const rank = sql<number>`CASE WHEN ${corporateRegistry.searchName} = ${key} OR ${corporateRegistry.searchKana} = ${key} THEN 0 ELSE 1 END`;
  const db = await getDb();
  const columns = { ...registryCompanyColumns, nameKana: corporateRegistry.nameKana, rank: rank.mapWith(Number) };
  const cap = REGISTRY_COUNT_CAP + 1;
  const counts = await Promise.all(
    tiers.map(async (where) => {
      const limited = db
        .select({ one: sql`1` })
        .from(corporateRegistry)
        .where(where)
        .limit(cap)
        .as("limited");
      const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(limited);
      return row?.n ?? 0;
    }),
  );
  const start = Math.min((page - 1) * pageSize, REGISTRY_COUNT_CAP);
  const rows: (Omit<RegistryHit, "match"> & { rank: number; tier: number })[] = [];
  let offset = start;
  for (const [tier, where] of tiers.entries()) {
    const wanted = pageSize - rows.length;
    if (wanted <= 0) break;
    if (offset >= counts[tier]!) {
      offset -= counts[tier]!;
      continue;
    }
    const order =
      tier === 0 ? [asc(rank), asc(corporateRegistry.searchName), asc(corporateRegistry.corporateNumber)] : [asc(corporateRegistry.corporateNumber)];
    const found = await db
      .select(columns)
      .from(corporateRegistry)
      .where(where)
      .orderBy(...order)
      .limit(wanted)
      .offset(offset);
    rows.push(...found.map((row) => ({ ...row, tier })));
    offset = 0;
  }
  const total = counts.reduce((sum, n) => sum + n, 0);
  const capped = counts.some((n) => n >= cap) || total > REGISTRY_COUNT_CAP;
  const hits = rows.map(({ rank: r, tier, ...row }) => ({
    ...row,
    match: tier === 1 ? ("partial" as const) : r === 0 ? ("exact" as const) : ("prefix" as const),
  }));
  return { hits, total: Math.min(total, REGISTRY_COUNT_CAP), capped, key };
}

/** G-3: the registry rows most like a typed name, for the review's side-by-side view (a name not found at B-5). */
export async function registryCandidates(name: string, limit = 3): Promise<RegistryHit[]> {
  return (await searchRegistry({ name, pageSize: limit })).hits;
}
