import { afterEach, describe, expect, it } from "vitest";
import { clientAddressOf, isHttpsRequest, isLoopbackHost, normaliseAddress, SOCKET_ADDRESS_HEADER } from "@/lib/security/client-address";

const headers = (values: Record<string, string>) => new Headers(values);
const socket = (address: string, extra: Record<string, string> = {}) => headers({ [SOCKET_ADDRESS_HEADER]: address, ...extra });

afterEach(() => {
  delete process.env.TRUSTED_PROXY_HOPS;
  delete process.env.VERCEL;
});

describe("A-8 client address (lib/security/client-address.ts)", () => {
  it("normalises addresses and refuses anything else", () => {
    expect(normaliseAddress("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normaliseAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    for (const bad of ["unknown", "", "999.1.1.1", "1.2.3", "<script>", "203.0.113.9, 10.0.0.1", "::ffff:gggg"]) expect(normaliseAddress(bad), bad).toBeNull();
  });

  it("with no trusted proxy (the default) takes the socket address and ignores X-Forwarded-For", () => {
    expect(clientAddressOf(socket("198.51.100.1", { "x-forwarded-for": "203.0.113.50" }))).toBe("198.51.100.1");
    expect(clientAddressOf(socket("::ffff:198.51.100.1"))).toBe("198.51.100.1");
    expect(clientAddressOf(socket("198.51.100.1", { "x-forwarded-for": "unknown" }))).toBe("198.51.100.1");
  });

  it("with TRUSTED_PROXY_HOPS=1 takes the entry the proxy appended, never what the client wrote before it", () => {
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(clientAddressOf(socket("10.0.0.2", { "x-forwarded-for": "203.0.113.50" }))).toBe("203.0.113.50");
    expect(clientAddressOf(socket("10.0.0.2", { "x-forwarded-for": "1.1.1.1, 203.0.113.50" }))).toBe("203.0.113.50");
    // A proxy that writes "unknown": the next hop (the proxy itself), not nothing.
    expect(clientAddressOf(socket("10.0.0.2", { "x-forwarded-for": "unknown" }))).toBe("10.0.0.2");
    // Reached directly, without the proxy's entry: the socket.
    expect(clientAddressOf(socket("10.0.0.2"))).toBe("10.0.0.2");
  });

  it("without the socket stamp is unknown, except on Vercel, which writes X-Forwarded-For itself", () => {
    expect(clientAddressOf(headers({ "x-forwarded-for": "203.0.113.50" }))).toBeNull();
    process.env.VERCEL = "1";
    expect(clientAddressOf(headers({ "x-forwarded-for": "203.0.113.50" }))).toBe("203.0.113.50");
    expect(clientAddressOf(headers({ "x-forwarded-for": "unknown" }))).toBeNull();
  });

  it("trusts X-Forwarded-Proto only from a trusted proxy", () => {
    expect(isHttpsRequest(socket("10.0.0.2", { "x-forwarded-proto": "https" }))).toBe(false);
    process.env.TRUSTED_PROXY_HOPS = "1";
    expect(isHttpsRequest(socket("10.0.0.2", { "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttpsRequest(socket("10.0.0.2", { "x-forwarded-proto": "http" }))).toBe(false);
  });

  it("takes only a loopback name as this machine's Host (no DNS rebinding to the development mailbox)", () => {
    for (const host of ["localhost", "localhost:3000", "LOCALHOST:3000", "127.0.0.1", "127.0.0.1:3000", "127.1.2.3:80", "[::1]", "[::1]:3000"])
      expect(isLoopbackHost(headers({ host })), host).toBe(true);
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "127.0.0.1.evil.example",
      "localhost.evil.example",
      "localhost:3000:1",
      "10.0.0.1",
      "[::2]:3000",
      "",
    ])
      expect(isLoopbackHost(headers(host ? { host } : {})), host).toBe(false);
  });
});
