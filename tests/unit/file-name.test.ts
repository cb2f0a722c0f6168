import { describe, expect, it } from "vitest";
import { fileNameSchema } from "@/lib/downloads/admin";

// G-4: the name a published file is sent under, as the upload (both ways) parses it.
describe("G-4 a download file's name", () => {
  it("takes what a staff member names a module, a document or a pattern file", () => {
    for (const name of ["ApexOne_SP1_Patch.zip", "インストールガイド 2026.pdf", "pattern-19.811.00.tar.gz", "readme(1).txt", "a.b.c"])
      expect(fileNameSchema.safeParse(name).success, name).toBe(true);
  });

  it("refuses a path, a dot name, control characters and what hides how the name reads", () => {
    for (const name of [
      "../../etc/passwd",
      "a\\b.zip",
      "..",
      " leading.zip",
      "x\u0001.zip",
      "x\u007f.zip",
      "manual_\u202Efdp.exe",
      "manual_\u202Bx.pdf",
      "\u2066name\u2069.zip",
      "na\u200Bme.zip",
      "\uFEFFbom.zip",
      "broken\uFFFD.zip",
      "lone\uD800.zip",
      "private\uE000.zip",
    ])
      expect(fileNameSchema.safeParse(name).success, JSON.stringify(name)).toBe(false);
  });
});
