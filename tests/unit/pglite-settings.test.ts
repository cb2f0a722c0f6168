import { describe, expect, it } from "vitest";
import { pgliteSettings } from "@/db/client";

// PGLITE_SETTINGS (db/client.ts): `name=value` pairs become PGlite's `-c` start parameters; anything else is refused
// before PGlite starts (a typo must not start a server with other settings than asked for).
describe("pgliteSettings", () => {
  it("turns name=value pairs into -c parameters and ignores an empty value", () => {
    expect(pgliteSettings("shared_buffers=32MB, maintenance_work_mem=32MB")).toEqual(["-c", "shared_buffers=32MB", "-c", "maintenance_work_mem=32MB"]);
    expect(pgliteSettings(undefined)).toEqual([]);
    expect(pgliteSettings("  ")).toEqual([]);
  });

  it("refuses what is not name=value", () => {
    expect(() => pgliteSettings("shared_buffers")).toThrow(/PGLITE_SETTINGS/);
    expect(() => pgliteSettings("shared_buffers=32MB; DROP")).toThrow(/PGLITE_SETTINGS/);
    expect(() => pgliteSettings("-D=/tmp")).toThrow(/PGLITE_SETTINGS/);
  });
});
