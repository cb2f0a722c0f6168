// STYLE: refuse to run tests against anything but a local database.
export function assertLocalDatabaseUrl(url: string): URL {
  const parsed = new URL(url);
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`Tests refuse a non-local DATABASE_URL (${parsed.hostname}).`);
  }
  return parsed;
}

export function withDatabase(url: URL, name: string): string {
  const copy = new URL(url.toString());
  copy.pathname = `/${name}`;
  return copy.toString();
}

export const TEMPLATE_DATABASE = "ecs_test_template";
