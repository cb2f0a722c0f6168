import { describe, expect, it } from "vitest";
import { activationCodeKey, demoActivationCode, formatActivationCode, generateActivationCode, isActivationCodeKey } from "@/lib/licenses/activation-code";

describe("activation codes (SPEC C format, B-7 normalisation)", () => {
  it("generates PP-XXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX from the CSPRNG", () => {
    const codes = Array.from({ length: 200 }, () => generateActivationCode("OS"));
    for (const { code, key } of codes) {
      expect(code).toMatch(/^OS-[A-Z0-9]{4}(-[A-Z0-9]{5}){5}$/);
      expect(activationCodeKey(code)).toBe(key);
      expect(isActivationCodeKey(key)).toBe(true);
    }
    expect(new Set(codes.map((c) => c.key)).size).toBe(200);
  });

  it("normalises pasted input: full-width, lower case, spaces, other dashes", () => {
    const { code, key } = demoActivationCode("OS", "x");
    const fullWidth = code.replace(/[A-Z0-9-]/g, (ch) => (ch === "-" ? "－" : String.fromCharCode(ch.charCodeAt(0) + 0xfee0)));
    expect(activationCodeKey(fullWidth)).toBe(key);
    expect(activationCodeKey(` ${code.toLowerCase()} `)).toBe(key);
    expect(activationCodeKey(code.replaceAll("-", "ー"))).toBe(key);
    expect(activationCodeKey(code.replaceAll("-", ""))).toBe(key);
    expect(formatActivationCode(key)).toBe(code);
  });

  it("rejects keys of the wrong shape", () => {
    expect(isActivationCodeKey("OS1234")).toBe(false);
    expect(isActivationCodeKey("1S" + "A".repeat(29))).toBe(false);
    expect(isActivationCodeKey("OS" + "A".repeat(28) + "!")).toBe(false);
  });

  it("gives the same demo code for the same seed and different ones otherwise", () => {
    expect(demoActivationCode("SO", "100002:0")).toEqual(demoActivationCode("SO", "100002:0"));
    expect(demoActivationCode("SO", "100002:0").key).not.toBe(demoActivationCode("SO", "100002:1").key);
  });
});
