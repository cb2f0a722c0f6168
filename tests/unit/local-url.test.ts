import { describe, expect, it } from "vitest";
import { assertLocalDatabaseUrl } from "@/db/local-url";

// The one "local database only" rule of the test suites, the deployment smoke, the bench and db:reset.
describe("assertLocalDatabaseUrl", () => {
  it.each(["postgres://postgres@localhost:5432/x", "postgres://postgres@127.0.0.1:5433/postgres", "postgres://u:p@[::1]:5432/db"])("accepts %s", (url) => {
    expect(assertLocalDatabaseUrl(url, "run the tests on").toString()).toBe(new URL(url).toString());
  });

  it.each([
    [
      "postgres://u@db.example.com:5432/prod",
      'Refusing to benchmark against a non-local database (host "db.example.com"): use one on this machine (localhost).',
    ],
    ["postgres://u@10.0.0.5/prod", 'Refusing to benchmark against a non-local database (host "10.0.0.5"): use one on this machine (localhost).'],
    [
      "postgres://u@127.0.0.1.example.net/x",
      'Refusing to benchmark against a non-local database (host "127.0.0.1.example.net"): use one on this machine (localhost).',
    ],
    ["not a url", "Refusing to benchmark against: the database URL is not a valid URL."],
  ])("refuses %s", (url, message) => {
    expect(() => assertLocalDatabaseUrl(url, "benchmark against")).toThrow(message);
  });

  it("names the way around it where there is one", () => {
    expect(() => assertLocalDatabaseUrl("postgres://u@db.example.com/x", "reset", "set ALLOW_REMOTE_RESET=1 if you really mean it")).toThrow(
      /use one on this machine \(localhost\), or set ALLOW_REMOTE_RESET=1/,
    );
  });
});
