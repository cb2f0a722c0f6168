import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "@/lib/mail/transport";
import { retryDelayMs } from "@/lib/mail/worker";

describe("mail retry timing", () => {
  it("backs off exponentially with jitter between half and the full step", () => {
    expect(retryDelayMs(1, undefined, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, undefined, () => 1)).toBe(30_000);
    expect(retryDelayMs(4, undefined, () => 0)).toBe(120_000);
    expect(retryDelayMs(4, undefined, () => 1)).toBe(240_000);
    expect(retryDelayMs(30, undefined, () => 1)).toBe(60 * 60 * 1000);
  });

  it("never retries before the provider's Retry-After", () => {
    expect(retryDelayMs(1, 600_000, () => 1)).toBe(600_000);
    expect(retryDelayMs(8, 1_000, () => 0)).toBeGreaterThan(1_000);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const at = new Date("2026-11-24T00:00:00Z");
    expect(parseRetryAfter("120", at)).toBe(120_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 00:05:00 GMT", at)).toBe(300_000);
    expect(parseRetryAfter("soon", at)).toBeUndefined();
    expect(parseRetryAfter(null, at)).toBeUndefined();
  });
});
