import { describe, expect, it } from "vitest";
import en from "@/messages/en/contactChange";
import ja from "@/messages/ja/contactChange";
import { PREFECTURES } from "@/lib/validation/contact-fields";

// B-5's prefecture choices: the value is the name the contract records hold (Japanese, whatever the language); the
// label is the catalogue's, by JIS number — the English page lists Hokkaido … Okinawa, not Japanese.
describe("B-5 prefecture labels", () => {
  it("name every prefecture, in order, in both languages", () => {
    expect(Object.values(ja.prefectures)).toEqual([...PREFECTURES]);
    expect(Object.keys(en.prefectures)).toEqual(Object.keys(ja.prefectures));
    expect(Object.values(en.prefectures).every((name) => /^[A-Z][a-z]+$/.test(name))).toBe(true);
    expect([en.prefectures["1"], en.prefectures["13"], en.prefectures["47"]]).toEqual(["Hokkaido", "Tokyo", "Okinawa"]);
  });
});
