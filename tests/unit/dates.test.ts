import { describe, expect, it } from "vitest";
import { addToIsoDate, formatDate, startOfTokyoDay, tokyoDate } from "@/lib/dates";

describe("dates in Asia/Tokyo (SPEC: YYYY/MM/DD, stored in UTC)", () => {
  it("uses the Tokyo calendar day", () => {
    expect(tokyoDate(new Date("2026-11-24T14:59:59Z"))).toBe("2026-11-24");
    expect(tokyoDate(new Date("2026-11-24T15:00:00Z"))).toBe("2026-11-25");
    expect(formatDate(new Date("2026-12-31T15:00:00Z"))).toBe("2027/01/01");
    expect(formatDate("2026-03-05")).toBe("2026/03/05");
  });

  it("adds calendar years, months and days", () => {
    expect(addToIsoDate("2026-11-24", { months: 6 })).toBe("2027-05-24");
    expect(addToIsoDate("2024-02-29", { years: -6 })).toBe("2018-03-01");
    expect(addToIsoDate("2026-12-31", { days: 1 })).toBe("2027-01-01");
  });

  it("finds 00:00 JST of a date (A-9: the next day)", () => {
    expect(startOfTokyoDay("2026-11-25").toISOString()).toBe("2026-11-24T15:00:00.000Z");
  });
});
