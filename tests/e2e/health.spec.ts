// SPEC X-7 (/api/health reports database reachability) and R (an unknown path answers the 404 page).
import { expect, test } from "./test";
import { E2E_SERVERS, readServerState } from "./servers";

test.describe("ヘルスチェックと 404", () => {
  for (const server of E2E_SERVERS) {
    test(`/api/health (${server.name}, ${server.port}): 200, database "up"`, async ({ request }) => {
      const response = await request.get(`${server.url}/api/health`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toContain("application/json");
      // The engine is the one the launcher chose: CI's second run really runs on PostgreSQL (3101 stays on PGlite).
      const expectedEngine = readServerState(server.port).engine;
      expect(expectedEngine).toBe(server.database === "pglite" || !process.env.DATABASE_URL ? "pglite" : "postgres");
      expect(await response.json()).toMatchObject({ status: "ok", database: "up", engine: expectedEngine });
    });
  }

  test("存在しないパスは 404 ページ", async ({ page }) => {
    const response = await page.goto("/no-such-page-e2e");
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-type"]).toContain("text/html");
    await expect(page.getByRole("heading", { name: "ページが見つかりません" })).toBeVisible();
    await expect(page.getByRole("link", { name: "法人カスタマーサービス＆サポートトップに戻る" })).toHaveAttribute("href", "/");
  });

  test("存在しない API パスは 404", async ({ request }) => {
    expect((await request.get("/api/no-such-route-e2e")).status()).toBe(404);
  });
});
