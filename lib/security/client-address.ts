import "server-only";

/** The client's address as the request reports it (A-8 keys its per-address lock on this). */
export function clientAddressOf(headers: Headers): string | null {
  // Behind Vercel or a reverse proxy the platform sets X-Forwarded-For; its first entry is the client.
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null;
}
