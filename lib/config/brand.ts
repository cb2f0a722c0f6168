import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";

// The vendor's own look in the browser: the vendor mark behind the favicon and the app icons is configuration, like the site name.
// SITE_MARK_SVG names an SVG file (square, drawn to be legible at 16 px); without it, the demo vendor's mark below: a
// white shield with a check on the brand red. Every icon size is drawn from this one SVG (app/brand/[file]/route.tsx).
const DEFAULT_MARK = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">',
  '<rect width="64" height="64" rx="14" fill="#c8102e"/>',
  '<path d="M32 9l19 7v14.5C51 42.4 43 51.8 32 55 21 51.8 13 42.4 13 30.5V16z" fill="#fff"/>',
  '<path d="M23.5 31.5l6.2 6.2L41 26.4" fill="none" stroke="#c8102e" stroke-width="5.2" stroke-linecap="round" stroke-linejoin="round"/>',
  "</svg>",
].join("");

const markSchema = z
  .string()
  .trim()
  .max(200_000)
  .refine((svg) => /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(svg) && svg.endsWith("</svg>"), "SITE_MARK_SVG must name an SVG file (<svg …>…</svg>)");

let cached: string | undefined;

/** The vendor mark as SVG text. A misconfigured file fails loudly at the first icon request, naming the setting. */
export function vendorMarkSvg(): string {
  if (cached !== undefined) return cached;
  const file = process.env.SITE_MARK_SVG;
  cached = markSchema.parse(file ? readFileSync(file, "utf8") : DEFAULT_MARK);
  return cached;
}

/** The theme colour of the browser's UI and the web app manifest (the brand red of globals.css). */
export const THEME_COLOR = "#c8102e";
