import { describe, expect, it } from "vitest";
import { licenseIdSchema, MAX_SERIAL_ID, serialIdSchema, versionSchema } from "@/lib/validation/ids";

// the one parse of every integer key (lib/validation/ids.ts). Out of range or not exactly digits → no id, so
// that nothing past PostgreSQL's integer reaches a query (it threw "out of range for type integer": a 500).
describe("X-3 integer keys", () => {
  it("takes a serial key 1 … 2³¹−1 written as plain digits", () => {
    expect(serialIdSchema.parse("1")).toBe(1);
    expect(serialIdSchema.parse(String(MAX_SERIAL_ID))).toBe(2_147_483_647);
    for (const bad of ["0", "2147483648", "9999999999", "10000000000", " 1 ", "1 ", "+1", "-1", "01", "1e3", "0x10", "1.0", "１", ""])
      expect(serialIdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("takes a ライセンスID of 1 to 15 digits (a bigint), and a version 0 … 2³¹−1", () => {
    expect(licenseIdSchema.parse("400001")).toBe(400001);
    expect(licenseIdSchema.parse("999999999999999")).toBe(999_999_999_999_999);
    for (const bad of ["0", "1000000000000000", " 400001", "4e5", ""]) expect(licenseIdSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    expect(versionSchema.parse("0")).toBe(0);
    for (const bad of ["2147483648", "-1", " 3"]) expect(versionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});
