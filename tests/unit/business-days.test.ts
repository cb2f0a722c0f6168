import { afterEach, describe, expect, test } from "vitest";
import { addBusinessDays, isBusinessDay, NAME_CHANGE_REVIEW_BUSINESS_DAYS } from "@/lib/business-days";

// G-3: the due date of a name-change review is the request date + 5 business days on the Japanese calendar.
describe("the review's due date: request + 5 business days", () => {
  afterEach(() => {
    delete process.env.BUSINESS_CLOSED_DAYS;
  });

  // [requested on, due on, why]
  const cases: [string, string, string][] = [
    ["2027-06-07", "2027-06-14", "a plain week: Monday → the next Monday"],
    ["2027-06-11", "2027-06-18", "a Friday: the weekend does not count"],
    ["2027-06-12", "2027-06-18", "a Saturday: counting starts on Monday"],
    ["2027-04-28", "2027-05-11", "Golden Week 2027: 4/29 昭和の日, 5/3–5/5 and the weekends are skipped"],
    ["2026-04-28", "2026-05-11", "Golden Week 2026: 4/29, 5/3 (Sunday), 5/4, 5/5 and the 振替休日 5/6"],
    ["2026-12-25", "2027-01-07", "the year end: 12/29–1/3 is the vendor's closing"],
    ["2026-12-28", "2027-01-08", "the last business day of the year"],
    ["2027-01-05", "2027-01-13", "after the new year: 1/11 is 成人の日"],
    ["2027-09-17", "2027-09-28", "Silver Week 2027: 9/20 敬老の日, 9/23 秋分の日"],
  ];
  test.each(cases)("requested %s → due %s (%s)", (requested, due) => {
    expect(addBusinessDays(requested, NAME_CHANGE_REVIEW_BUSINESS_DAYS)).toBe(due);
  });

  test("the closing days are configuration: without the year-end closing its weekdays count", () => {
    process.env.BUSINESS_CLOSED_DAYS = "";
    // 2026-12-29 (Tue), 12-30 (Wed), 12-31 (Thu); 1/1 元日 is a national holiday; 1/4 (Mon).
    expect(addBusinessDays("2026-12-25", 5)).toBe("2027-01-04");
    process.env.BUSINESS_CLOSED_DAYS = "08-13..08-16";
    expect(isBusinessDay("2027-08-13")).toBe(false);
    expect(isBusinessDay("2027-08-12")).toBe(true);
  });

  test("a malformed closing-day setting is refused, not ignored", () => {
    process.env.BUSINESS_CLOSED_DAYS = "12/29-01/03";
    expect(() => isBusinessDay("2027-06-07")).toThrow(/BUSINESS_CLOSED_DAYS/);
  });

  test("national holidays, weekends and the closing are not business days", () => {
    expect(isBusinessDay("2027-05-03")).toBe(false);
    expect(isBusinessDay("2027-06-05")).toBe(false);
    expect(isBusinessDay("2026-12-30")).toBe(false);
    expect(isBusinessDay("2027-01-04")).toBe(true);
  });
});
