import "server-only";
import { isIP } from "node:net";

// A-8 keys its per-address lock on the client's address, so the address must be one a client cannot choose.
// X-Forwarded-For is written by whoever sends the request: only the entries appended by proxies we run are true.
// The server stamps every request with its socket's remote address (lib/security/socket-stamp.ts, installed from
// instrumentation.ts, overwriting any header of that name a client sent); the chain is then
//   X-Forwarded-For entries … , socket address
// and with TRUSTED_PROXY_HOPS = N (default 0) the client is the entry N places left of the socket address:
//   0 — nothing in front of the app: the socket address (X-Forwarded-For is ignored altogether);
//   1 — one reverse proxy (nginx, a load balancer) that appends the address it saw: the last X-Forwarded-For entry.
// On Vercel there is no socket of ours (serverless): the platform replaces X-Forwarded-For with the client's address,
// so there (VERCEL=1) its last entry is used. Anywhere else without the stamp the address is unknown (null).
export const SOCKET_ADDRESS_HEADER = "x-ecs-socket-address";

export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
  return Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0;
}

/** A valid IPv4 or IPv6 address, normalised (IPv4-mapped IPv6 as IPv4, brackets and ports dropped), or null. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  let candidate = address.trim();
  // "[2001:db8::1]:443" and "203.0.113.9:51234" (some proxies append the port).
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(candidate)) candidate = candidate.replace(/:\d+$/, "");
  // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d; one client must be one key.
  candidate = candidate.replace(/^::ffff:(?=\d{1,3}(\.\d{1,3}){3}$)/i, "");
  const version = isIP(candidate);
  if (version === 4) return candidate;
  if (version === 6) return candidate.toLowerCase();
  return null;
}

function forwardedEntries(headers: Headers): string[] {
  return (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .slice(-20);
}

/** The client's address as far as it can be trusted (see above); null when unknown. Never a raw header value. */
export function clientAddressOf(headers: Headers): string | null {
  const forwarded = forwardedEntries(headers);
  if (!headers.has(SOCKET_ADDRESS_HEADER)) return process.env.VERCEL === "1" ? normaliseAddress(forwarded.at(-1)) : null;
  const chain = [...forwarded, headers.get(SOCKET_ADDRESS_HEADER) ?? ""];
  // From the trusted position rightwards, the first entry that is an address: a proxy that writes "unknown" falls
  // back to the next hop (the proxy itself), which is never a way around the lock.
  for (let i = Math.max(0, chain.length - 1 - trustedProxyHops()); i < chain.length; i++) {
    const address = normaliseAddress(chain[i]);
    if (address) return address;
  }
  return null;
}

function isLoopback(address: string | null): boolean {
  return address !== null && (address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address));
}

/** The request came from this machine: a loopback socket, and no proxy hop from anywhere else. */
export function isLoopbackRequest(headers: Headers): boolean {
  if (!isLoopback(normaliseAddress(headers.get(SOCKET_ADDRESS_HEADER)))) return false;
  return forwardedEntries(headers).every((entry) => isLoopback(normaliseAddress(entry)));
}

/**
 * The request names this machine: its Host is a loopback name (localhost, 127.x.x.x or [::1], with or without a
 * port). A loopback socket alone is not enough for what only this machine may see: a page of another site whose
 * name an attacker points at 127.0.0.1 (DNS rebinding) reaches the server from the visitor's own browser, over a
 * loopback socket, with that site's name as its Host.
 */
export function isLoopbackHost(headers: Headers): boolean {
  const host = (headers.get("host") ?? "").toLowerCase();
  const name = /^(\[::1\]|[^:[\]]+)(:\d{1,5})?$/.exec(host)?.[1];
  return name === "localhost" || name === "[::1]" || (name !== undefined && isLoopback(name));
}

/** Whether the request reached the app over HTTPS, as far as the trusted proxies say (for the cookies' Secure flag). */
export function isHttpsRequest(headers: Headers): boolean {
  if (trustedProxyHops() === 0) return false;
  const protos = (headers.get("x-forwarded-proto") ?? "")
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  return protos.at(-1) === "https";
}
