import { describe, expect, it } from "vitest";
import { pageWindow } from "@/lib/paging";

const render = (current: number, pages: number) =>
  pageWindow(current, pages)
    .map((item) => (item.kind === "gap" ? "…" : item.page === current ? `[${item.page}]` : String(item.page)))
    .join(" ");

describe("pageWindow (B-1 paging)", () => {
  it.each([
    [1, 1, "[1]"],
    [1, 3, "[1] 2 3"],
    [1, 100, "[1] 2 3 … 100"],
    [6, 100, "1 … 4 5 [6] 7 8 … 100"],
    [4, 100, "1 2 3 [4] 5 6 … 100"],
    [5, 100, "1 2 3 4 [5] 6 7 … 100"],
    [100, 100, "1 … 98 99 [100]"],
    [96, 100, "1 … 94 95 [96] 97 98 99 100"],
    [3, 7, "1 2 [3] 4 5 6 7"],
  ])("page %i of %i: %s", (current, pages, expected) => {
    expect(render(current, pages)).toBe(expected);
  });

  it("keeps the current page within 1..pages", () => {
    expect(pageWindow(0, 100)).toEqual(pageWindow(1, 100));
    expect(pageWindow(140, 100)).toEqual(pageWindow(100, 100));
  });
});
