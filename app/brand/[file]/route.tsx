import { ImageResponse } from "next/og";
import { z } from "zod";
import { publicRoute } from "@/lib/auth/guards";
import { THEME_COLOR, vendorMarkSvg } from "@/lib/config/brand";
import { siteConfig } from "@/lib/config/site";

// The vendor's own look in the browser: the favicon and app icons, all drawn from the configured vendor mark (lib/config/brand.ts), and
// the web app manifest naming them. Public (no session, no data): browsers ask for icons before anyone signs in.
// /favicon.ico is rewritten here (next.config.ts) for the clients that ask for it without reading the page's links.
const SIZES = { "favicon.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512 } as const;
const fileInput = z.object({ file: z.enum(["icon.svg", "manifest.webmanifest", ...(Object.keys(SIZES) as (keyof typeof SIZES)[])]) });

// A day in browsers' caches: a changed mark shows within a day, without a fingerprint in the URL.
const CACHE = "public, max-age=86400";

async function png(size: number): Promise<Response> {
  const src = `data:image/svg+xml;base64,${Buffer.from(vendorMarkSvg()).toString("base64")}`;
  const image = new ImageResponse(
    <div style={{ display: "flex", width: size, height: size, backgroundImage: `url(${src})`, backgroundSize: `${size}px ${size}px` }} />,
    { width: size, height: size },
  );
  return new Response(await image.arrayBuffer(), { headers: { "Content-Type": "image/png", "Cache-Control": CACHE } });
}

export const GET = publicRoute({ schema: fileInput, onInvalid: () => new Response("Not Found", { status: 404 }) }, async ({ file }) => {
  if (file === "icon.svg") return new Response(vendorMarkSvg(), { headers: { "Content-Type": "image/svg+xml", "Cache-Control": CACHE } });
  if (file === "manifest.webmanifest") {
    const site = siteConfig();
    const manifest = {
      name: site.siteName,
      short_name: site.siteName,
      lang: "ja",
      start_url: "/",
      display: "browser",
      background_color: "#ffffff",
      theme_color: THEME_COLOR,
      icons: [
        { src: "/brand/icon.svg", type: "image/svg+xml", sizes: "any" },
        { src: "/brand/icon-192.png", type: "image/png", sizes: "192x192" },
        { src: "/brand/icon-512.png", type: "image/png", sizes: "512x512" },
      ],
    };
    return new Response(JSON.stringify(manifest), { headers: { "Content-Type": "application/manifest+json", "Cache-Control": CACHE } });
  }
  return png(SIZES[file]);
});
