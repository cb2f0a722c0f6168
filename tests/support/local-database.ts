import { assertLocalDatabaseUrl as assertLocal } from "@/db/local-url";

// STYLE: refuse to run tests against anything but a local database.
export function assertLocalDatabaseUrl(url: string): URL {
  return assertLocal(url, "run the tests on");
}

export function withDatabase(url: URL, name: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${name}`;
  return copy.toString();
}

export const TEMPLATE_DATABASE = "ecs_test_template";
