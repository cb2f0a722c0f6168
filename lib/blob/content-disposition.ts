import "server-only";

/**
 * `attachment` with the file's name per RFC 6266 / RFC 5987: an ASCII fallback in `filename` (other characters as
 * "_", quotes and backslashes dropped) and the exact name, UTF-8 percent-encoded, in `filename*` — so that
 * 「パターンファイル_2026.zip」 arrives with its Japanese name in every current browser.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const fallback =
    fileName
      .replace(/[^\x20-\x7e]/g, "_")
      .replace(/["\\]/g, "")
      .trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
