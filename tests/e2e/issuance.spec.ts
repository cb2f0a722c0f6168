// In a real browser (SPEC C-1 … C-4): from the menu to the final message for each form, reading the URL
// mail and the completion mail from the development mailbox; the new code then shows on the detail page and in the
// holdings PDF. The confirmation field refuses paste. Another customer and a signed-out client get nothing.
// Demo data (SPEC X-2): 100001 (ウイルスバスター コーポレートエディション Plus) for C-1, C-2 and C-4; 100003 (Apex Central)
// for C-3. Each flow issues against its own product, so the tests do not meet.
import type { APIRequestContext, Page } from "@playwright/test";
import { pdfText } from "../support/pdf-tools";
import { customerLogIn, mailWith } from "./fixtures";
import { actions } from "./manifests";
import { MAIN } from "./servers";
import { expect, test } from "./test";

const USER = "user@example.co.jp";

/** The contract's first activation code as the detail page shows it (the demo's `OS-` code of 100001). */
async function firstCode(page: Page, licenseId: number): Promise<string> {
  await page.goto(`/licenses/${licenseId}`);
  const cell = page.getByRole("table").first().getByRole("row").nth(1).getByRole("cell").last();
  return (await cell.textContent())!.trim();
}

async function openForm(page: Page, item: string, title: string) {
  // The C menu page (the header's menu leads to each form directly: shell.spec.ts).
  await page.goto("/activation-codes");
  // The menu's buttons read as the manual's step 4 presses them (「Apex One / ウイルスバスターコーポレートエディション」 …).
  await page.getByRole("main").getByRole("link", { name: item, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

async function expectCodeOnContract(page: Page, licenseId: number, code: string) {
  await page.goto(`/licenses/${licenseId}`);
  // The 保有製品情報 cell (exact: the contract's 変更履歴 on the same page names the code inside a longer line).
  await expect(page.getByRole("cell", { name: code, exact: true })).toBeVisible();
  const pdf = await page.request.get(`/licenses/${licenseId}/pdf`);
  expect(pdf.status()).toBe(200);
  expect((await pdfText(await pdf.body())).replace(/\s+/g, "")).toContain(code);
}

/** C-1, C-2, C-4: ① ② → 確認する/次へ → 連絡先 twice → 発行を依頼する → review → 発行を依頼する → 依頼完了 → the mailed URL → 発行を依頼する. */
async function mailedFlow(
  page: Page,
  request: APIRequestContext,
  flow: {
    item: string;
    title: string;
    button: "確認する" | "次へ";
    product: string;
    contact: string;
    urlSubject: string;
    doneSubject: string;
    message: string;
    codeName: string;
  },
) {
  const code = await firstCode(page, 100001);
  expect(code).toMatch(/^OS-/);
  await openForm(page, flow.item, flow.title);
  // The page's heading names the form once: no hidden heading or legend repeats the long title.
  await expect(page.getByRole("heading", { name: flow.title })).toHaveCount(1);
  // The notes speak of what this form issues (C-2: シリアル番号).
  const notes = page.getByRole("region", { name: "ご注意" });
  await expect(notes).toContainText(`${flow.codeName}は、ご契約の数量の範囲で発行いたします。`);
  if (flow.codeName !== "アクティベーションコード") await expect(notes).not.toContainText("アクティベーションコード");
  await page.getByLabel("① ライセンスID").fill("１０００01");
  // Pasting the whole code works: lower case, with spaces around it.
  await page.getByLabel("② アクティベーションコード").fill(` ${code.toLowerCase()} `);
  await page.getByRole("button", { name: flow.button }).click();
  await expect(page.getByRole("cell", { name: flow.product })).toBeVisible();
  // Step 2 repeats ② as the order system writes it, not as it was typed.
  await expect(page.locator("dd.font-mono")).toHaveText(code);
  await page.getByLabel("メールアドレス", { exact: true }).fill(flow.contact);
  await page.getByLabel("メールアドレス（確認用）").fill(`x${flow.contact}`);
  await page.getByRole("button", { name: "発行を依頼する" }).click();
  await expect(page.getByText("メールアドレスと確認用のメールアドレスが一致しません。")).toBeVisible();
  await page.getByLabel("メールアドレス（確認用）").fill(flow.contact);
  await page.getByRole("button", { name: "発行を依頼する" }).click();
  await expect(page.getByRole("heading", { name: "取得依頼内容" })).toBeVisible();
  await expect(page.getByText(flow.contact)).toBeVisible();
  await page.getByRole("button", { name: "発行を依頼する" }).click();
  // The manual's 「…発行フォーム 依頼完了」: the form's title once, as the page's heading, and 依頼完了 under it.
  await expect(page.getByRole("heading", { level: 1, name: flow.title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "依頼完了", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: flow.title })).toHaveCount(1);

  const urlMail = await mailWith(request, flow.contact, flow.urlSubject);
  expect(urlMail.to).toEqual(expect.arrayContaining([flow.contact, USER]));
  const url = /https?:\/\/\S+\/activation-codes\/[a-z-]+\/issue\/[A-Za-z0-9_-]{43}/.exec(urlMail.text)?.[0];
  expect(url, "the issuance URL in the mail").toBeTruthy();
  const path = new URL(url!).pathname;
  await page.goto(path);
  await expect(page.getByText("発行依頼を承りました")).toBeVisible();
  await page.getByRole("button", { name: "発行を依頼する" }).click();
  await expect(page.getByTestId("issued-message")).toHaveText(flow.message);
  const issued = (await page.getByTestId("issued-codes").getByRole("row").nth(1).getByRole("cell").last().textContent())!.trim();
  expect(issued).toMatch(/^[A-Z]{2}-[A-Z0-9]{4}(-[A-Z0-9]{5}){5}$/);
  const doneMail = await mailWith(request, flow.contact, flow.doneSubject);
  expect(doneMail.text).toContain(issued);
  // The link is spent: opened again it says the request was issued, and shows the same code.
  await page.goto(path);
  await expect(page.getByTestId("link-problem")).toHaveText("この発行依頼は発行済みです。発行内容は以下のとおりです。");
  await expect(page.getByRole("cell", { name: issued })).toBeVisible();
  await expectCodeOnContract(page, 100001, issued);
  await expect(page.getByTestId("issuance-requests")).toContainText("発行済み");
}

// C-1, C-2, C-4 on 100001 from the menu: each form's labels, the contact it mails, its two mails (M-5…M-8, M-10, M-11)
// and its completion message. Each story signs in from an address of its own, so one story's A-8 count never meets another's.
const MAILED_FLOWS = [
  {
    title: "C-1: Apex One用アクティベーションコード on 100001 from the menu to 「アクティベーションコードを発行いたしました。」, M-5 and M-6",
    address: "203.0.113.111",
    item: "Apex One / ウイルスバスターコーポレートエディション",
    form: "Apex One/ウイルスバスターコーポレートエディション アクティベーションコード発行フォーム",
    button: "確認する",
    product: "Apex One",
    contact: "kanri-c1@example.co.jp",
    urlSubject: "【トレンドマイクロ】Apex One/ウイルスバスターCorp. 用アクティベーションコード発行URLのご連絡",
    doneSubject: "【トレンドマイクロ】Apex One/ウイルスバスターCorp. 用アクティベーションコード発行完了のご連絡",
    message: "アクティベーションコードを発行いたしました。",
    codeName: "アクティベーションコード",
  },
  {
    title: "C-2: 法人用ウイルスバスター serials on 100001 → 「シリアル番号を発行いたしました。」, M-7 and M-8",
    address: "203.0.113.112",
    item: "法人用ウイルスバスター",
    form: "法人用ウイルスバスターシリアル番号発行フォーム",
    button: "確認する",
    product: "法人用ウイルスバスター",
    contact: "kanri-c2@example.co.jp",
    urlSubject: "【トレンドマイクロ】法人用ウイルスバスターシリアル番号発行URLのご連絡",
    doneSubject: "【トレンドマイクロ】法人用ウイルスバスターシリアル番号発行完了のご連絡",
    message: "シリアル番号を発行いたしました。",
    codeName: "シリアル番号",
  },
  {
    title: "C-4: オフライン環境用アクティベーションコード on 100001 → 次へ → … → M-10 and M-11",
    address: "203.0.113.113",
    item: "オフライン環境用",
    form: "オフライン用アクティベーションコード発行フォーム",
    button: "次へ",
    product: "ウイルスバスター コーポレートエディション Plus オフライン用",
    contact: "kanri-c4@example.co.jp",
    urlSubject: "【トレンドマイクロ】オフライン用アクティベーションコード発行URLのご連絡",
    doneSubject: "【トレンドマイクロ】オフライン用アクティベーションコード発行完了のご連絡",
    message: "アクティベーションコードを発行いたしました。",
    codeName: "アクティベーションコード",
  },
] as const;

for (const { title, address, form, ...flow } of MAILED_FLOWS) {
  test(title, async ({ page, request }) => {
    await customerLogIn(page, USER, address);
    await mailedFlow(page, request, { ...flow, title: form });
  });
}

test("C-3: Apex Central on 100003 → 配信内容 → 同意していただいた上でダウンロード (a file named after the license) → 依頼完了 and M-9", async ({
  page,
  request,
}) => {
  await customerLogIn(page, USER, "203.0.113.114");
  await openForm(page, "Apex Central（旧TMCM）", "Apex Central（旧TMCM）アクティベーションコード発行フォーム");
  await page.getByLabel("① ライセンスID").fill("100004");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByText("ライセンスID 100004 のご契約は有効ではありません（契約期間の終了など）。有効なライセンスIDを入力してください。")).toBeVisible();
  await page.getByLabel("① ライセンスID").fill("100003");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByRole("heading", { name: "配信内容" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "同意していただいた上でダウンロード" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("ApexCentral_100003.txt");
  await expect(page.getByRole("heading", { level: 1, name: "Apex Central（旧TMCM）アクティベーションコード発行フォーム" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "依頼完了", exact: true })).toBeVisible();
  const code = (await page.getByTestId("apex-central-code").textContent())!.trim();
  expect(code).toMatch(/^AC-/);
  const file = await download.path();
  const { readFile } = await import("node:fs/promises");
  expect(await readFile(file, "utf8")).toContain(code);
  const mail = await mailWith(request, USER, "トレンドマイクロ製品用アクティベーションコードのご案内");
  expect(mail.text).toContain(code);
  await expectCodeOnContract(page, 100003, code);
});

test("the confirmation e-mail field refuses paste in Chromium", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await customerLogIn(page, USER, "203.0.113.115");
  // 100012 (Apex One): C-2's, and untouched by the flows above (they use up 100001's quantities).
  const code = await firstCode(page, 100012);
  await page.goto("/activation-codes/virus-buster");
  await page.getByLabel("① ライセンスID").fill("100012");
  await page.getByLabel("② アクティベーションコード").fill(code);
  await page.getByRole("button", { name: "確認する" }).click();
  const email = page.getByLabel("メールアドレス", { exact: true });
  const confirm = page.getByLabel("メールアドレス（確認用）");
  await email.fill("paste-test@example.co.jp");
  await email.selectText();
  await page.keyboard.press("ControlOrMeta+C");
  await confirm.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(confirm).toHaveValue("");
  await expect(page.getByText("確認用欄には貼り付けできません。メールアドレスを入力してください。")).toBeVisible();
  // The same paste into the first field works: the refusal is the confirmation field's alone.
  await email.fill("");
  await email.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(email).toHaveValue("paste-test@example.co.jp");
});

test("another customer and a signed-out client get nothing from the forms, the URL or the actions", async ({ page, browser }) => {
  await customerLogIn(page, "other@example.co.jp", "203.0.113.116");
  await page.goto("/activation-codes/apex-one");
  await page.getByLabel("① ライセンスID").fill("100001");
  await page.getByLabel("② アクティベーションコード").fill("OS-AAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF");
  await page.getByRole("button", { name: "確認する" }).click();
  await expect(page.getByTestId("search-message")).toContainText("ライセンスIDに対し、メールアドレスの登録が異なります。");
  // Nothing of 100001 comes back: no products offered, no quantity, no company.
  await expect(page.getByRole("heading", { name: "追加取得可能な製品（アクティベーションコード）" })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText("テストユーザ株式会社");
  await expect(page.getByRole("cell")).toHaveCount(0);
  await page.goto(`/activation-codes/apex-one/issue/${"A".repeat(43)}`);
  await expect(page.getByTestId("link-problem")).toContainText("このURLは無効です。");

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const response = await visitor.goto(`${MAIN.url}/activation-codes/apex-one/issue/${"B".repeat(43)}`);
  expect(response!.url()).toContain(`/login?callbackUrl=${encodeURIComponent(`/activation-codes/apex-one/issue/${"B".repeat(43)}`)}`);
  // Signed out, each action leads to login and issues or reveals nothing (the C-3 action asks for 100003's code).
  const fields: Record<string, string> = {
    licenseId: "100003",
    code: "OS-AAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF",
    step: "issue",
    kind: "apex_one",
    token: "A".repeat(43),
    requestId: "1",
    email: "x@example.co.jp",
    emailConfirm: "x@example.co.jp",
  };
  for (const name of ["issuanceFormAction", "confirmIssuanceAction", "apexCentralAction", "resendIssuanceLinkAction"]) {
    const action = actions.find((entry) => entry.name === name);
    expect(action, name).toBeTruthy();
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
    form.append("0", '[{"status":"idle"},"$K1"]');
    const answer = await anonymous.request.post(`${MAIN.url}${action!.endpoint}`, {
      maxRedirects: 0,
      headers: { "Next-Action": action!.id, Accept: "text/x-component", Origin: MAIN.url },
      multipart: form,
    });
    expect(answer.status(), name).toBeLessThan(500);
    expect(answer.headers()["x-action-redirect"] ?? answer.headers()["location"] ?? "", name).toMatch(/^\/login/);
    expect(await answer.text(), name).not.toMatch(/AC-[A-Z0-9]{4}-/);
  }
  await anonymous.close();
});
