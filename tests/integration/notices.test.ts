import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { notices } from "@/db/schema";
import { setClock } from "@/lib/clock";
import { getPublishedNotice, listPublishedNotices } from "@/lib/notices/queries";

const at = (iso: string) => new Date(iso);
let ids: Record<string, number> = {};

beforeAll(async () => {
  const db = await getDb();
  const rows = await db
    .insert(notices)
    .values([
      { category: "site", title: "old", body: "b", publishFrom: at("2026-01-01T00:00:00Z") },
      { category: "support_news", title: "new", body: "b", important: true, publishFrom: at("2026-06-01T00:00:00Z") },
      { category: "site", title: "window", body: "b", publishFrom: at("2026-03-01T00:00:00Z"), publishUntil: at("2026-04-01T00:00:00Z") },
      { category: "site", title: "draft", body: "b", publishFrom: null },
    ])
    .returning();
  ids = Object.fromEntries(rows.map((r) => [r.title, r.id]));
});

describe("F-1 publish windows", () => {
  it("shows only notices published now, newest first", async () => {
    setClock(at("2026-03-15T00:00:00Z"));
    expect((await listPublishedNotices()).map((n) => n.title)).toEqual(["window", "old"]);
    setClock(at("2026-07-01T00:00:00Z"));
    expect((await listPublishedNotices()).map((n) => n.title)).toEqual(["new", "old"]);
    setClock(at("2025-12-31T00:00:00Z"));
    expect(await listPublishedNotices()).toEqual([]);
  });

  it("answers a scheduled, expired or draft notice like a missing one", async () => {
    setClock(at("2026-07-01T00:00:00Z"));
    expect((await getPublishedNotice(ids.new!))?.important).toBe(true);
    expect(await getPublishedNotice(ids.window!)).toBeUndefined();
    expect(await getPublishedNotice(ids.draft!)).toBeUndefined();
    setClock(at("2026-05-01T00:00:00Z"));
    expect(await getPublishedNotice(ids.new!)).toBeUndefined();
    expect(await getPublishedNotice(999_999)).toBeUndefined();
  });
});
