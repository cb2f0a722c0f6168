import { describe, expect, test } from "vitest";
import { businessDayOnOrBefore, dueReminder, reminderSendDay, type ReminderThreshold } from "@/lib/reminders/schedule";

// N-3 / M-13: the reminder days, worked out by hand on the 2026–2027 calendar (default closing 12/29–1/3).
describe("the day each reminder goes out: N days before 契約終了日, or the business day before", () => {
  // [契約終了日, threshold, send day, why]
  const cases: [string, ReminderThreshold, string, string][] = [
    ["2027-09-30", 90, "2027-07-02", "a Friday: that day"],
    ["2027-09-30", 60, "2027-07-30", "2027-08-01 is a Sunday: the Friday before"],
    ["2027-09-30", 30, "2027-08-31", "a Tuesday: that day"],
    ["2027-06-02", 60, "2027-04-02", "2027-04-03 is a Saturday"],
    ["2027-06-02", 30, "2027-04-30", "2027-05-03 憲法記念日 (Monday), then the weekend: Friday 4/30 (4/29 昭和の日 is Thursday)"],
    ["2027-02-01", 90, "2026-11-02", "2026-11-03 文化の日 (Tuesday): the Monday"],
    ["2027-02-01", 30, "2026-12-28", "2027-01-02 is in the year-end closing (12/29–1/3, 1/1 元日): Monday 12/28"],
  ];
  test.each(cases)("ends %s, %i days → %s (%s)", (endDate, threshold, day) => {
    expect(reminderSendDay(endDate, threshold)).toBe(day);
  });

  test("a business day is its own", () => {
    expect(businessDayOnOrBefore("2027-07-02")).toBe("2027-07-02");
  });
});

describe("the reminder due on a day (ends 2027-09-30: 90 → 07-02, 60 → 07-30, 30 → 08-31)", () => {
  const END = "2027-09-30";
  const sent = (...thresholds: ReminderThreshold[]) => new Set(thresholds);

  test("nothing before the first day", () => {
    expect(dueReminder(END, "2027-07-01", sent())).toBeNull();
  });

  test("each threshold on its day, once", () => {
    expect(dueReminder(END, "2027-07-02", sent())).toEqual({ threshold: 90, superseded: [] });
    expect(dueReminder(END, "2027-07-02", sent(90))).toBeNull();
    expect(dueReminder(END, "2027-07-30", sent(90))).toEqual({ threshold: 60, superseded: [] });
    expect(dueReminder(END, "2027-08-31", sent(90, 60))).toEqual({ threshold: 30, superseded: [] });
    expect(dueReminder(END, "2027-09-15", sent(90, 60, 30))).toBeNull();
  });

  test("a missed day catches up the next time the job runs", () => {
    expect(dueReminder(END, "2027-07-05", sent())).toEqual({ threshold: 90, superseded: [] });
  });

  test("days missed past a second threshold send the nearest one only; the farther one is superseded", () => {
    expect(dueReminder(END, "2027-08-02", sent())).toEqual({ threshold: 60, superseded: [90] });
    expect(dueReminder(END, "2027-09-01", sent(90))).toEqual({ threshold: 30, superseded: [60] });
  });

  test("nothing from 契約終了日 on, whatever was missed", () => {
    expect(dueReminder(END, "2027-09-30", sent(90, 60))).toBeNull();
    expect(dueReminder(END, "2027-10-01", sent())).toBeNull();
  });

  test("a renewed contract (a later end date) starts again at 90", () => {
    expect(dueReminder("2028-09-29", "2028-07-03", sent())).toEqual({ threshold: 90, superseded: [] });
  });
});
