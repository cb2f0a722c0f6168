import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { Cell } from "@/app/_components/table-head";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("faqLicenses.title") };
}

// The tables' rows, as the catalogue numbers them (faqLicenses.visibleRows, faqLicenses.messageRows).
const VISIBLE_ROWS = ["1", "2", "3", "4", "5", "6"] as const;
const MESSAGE_ROWS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

// B-9: the manual's two Q&A (見たい契約が表示されません / 操作中にエラーメッセージが表示されました). Public: it helps
// before signing in too.
export default async function LicenseFaqPage() {
  await publicPage();
  const f = await getTranslations("faqLicenses");
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <PageTitle className="mb-6">{f("title")}</PageTitle>
      <section aria-labelledby="q1" className="mb-10">
        <h2 id="q1" className="mb-2 text-lg font-bold">
          {f("question")}
          {f("q1")}
        </h2>
        <p className="mb-4">
          <span className="font-bold">{f("answer")}</span>
          {f("a1")}
        </p>
        <table className="w-full border-collapse text-sm">
          <caption className="mb-1 text-left font-bold">■{f("visibleTitle")}</caption>
          <tbody>
            {VISIBLE_ROWS.map((row) => (
              <tr key={row} className="border border-line">
                <th scope="row" className="w-40 bg-panel p-2 text-left align-top">
                  {f(`visibleRows.${row}.term`)}
                </th>
                <td className="p-2">{f(`visibleRows.${row}.text`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="q2">
        <h2 id="q2" className="mb-2 text-lg font-bold">
          {f("question")}
          {f("q2")}
        </h2>
        <p className="mb-4">
          <span className="font-bold">{f("answer")}</span>
          {f("a2")}
        </p>
        <div className="data-table-frame">
          <table className="data-table w-full border-collapse text-sm">
            <caption className="mb-1 text-left font-bold">■{f("messagesTitle")}</caption>
            <thead>
              <tr className="bg-panel text-left">
                <th scope="col" className="border border-line p-2">
                  {f("number")}
                </th>
                <th scope="col" className="border border-line p-2">
                  {f("message")}
                </th>
                <th scope="col" className="border border-line p-2">
                  {f("explanation")}
                </th>
              </tr>
            </thead>
            <tbody>
              {MESSAGE_ROWS.map((row) => (
                <tr key={row}>
                  <Cell label={f("number")} className="border border-line p-2 whitespace-nowrap">
                    {f(`messageRows.${row}.number`)}
                  </Cell>
                  <Cell label={f("message")} className="border border-line p-2">
                    {f(`messageRows.${row}.message`)}
                  </Cell>
                  <Cell label={f("explanation")} className="border border-line p-2">
                    {f(`messageRows.${row}.explanation`)}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
