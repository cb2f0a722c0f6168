import "server-only";
/** B-4: the 見積番号 printed on a reference renewal quote and quoted to the sales desk (RQ- and eight digits). */
export function quoteNumber(id: number): string {
  return `RQ-${String(id).padStart(8, "0")}`;
}
