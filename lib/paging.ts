// B-1 paging for customers with thousands of contracts: the first and last page, the current one and two on each
// side, with gaps between ("1 … 4 5 6 7 8 … 100"), so that any page is two clicks away at most.
export type PageItem = { kind: "page"; page: number } | { kind: "gap"; key: string };

export function pageWindow(current: number, pages: number, around = 2): PageItem[] {
  const last = Math.max(1, pages);
  const at = Math.min(Math.max(1, current), last);
  const shown = new Set<number>([1, last]);
  for (let page = at - around; page <= at + around; page++) if (page >= 1 && page <= last) shown.add(page);
  const items: PageItem[] = [];
  let previous = 0;
  for (const page of [...shown].sort((a, b) => a - b)) {
    // A gap of exactly one page shows that page instead of "…".
    if (page - previous === 2) items.push({ kind: "page", page: page - 1 });
    else if (page - previous > 2) items.push({ kind: "gap", key: `gap-${previous}` });
    items.push({ kind: "page", page });
    previous = page;
  }
  return items;
}
