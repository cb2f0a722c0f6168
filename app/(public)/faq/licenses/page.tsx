import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { Cell } from "@/app/_components/table-head";
import { publicPage } from "@/lib/auth/guards";
import { getMessages } from "@/lib/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getMessages()).faqLicenses.title };
}

// B-9: the manual's two Q&A (見たい契約が表示されません / 操作中にエラーメッセージが表示されました). Public: it helps
// before signing in too.
export default async function LicenseFaqPage() {
  await publicPage();
  const f = (await getMessages()).faqLicenses;
  return (
    <div className="mx-auto max-w-5xl px-4 py-6">
      <PageTitle className="mb-6">{f.title}</PageTitle>
      <section aria-labelledby="q1" className="mb-10">
        <h2 id="q1" className="mb-2 text-lg font-bold">
          {f.question}
          {f.q1}
        </h2>
        <p className="mb-4">
          <span className="font-bold">{f.answer}</span>
          {f.a1}
        </p>
        <table className="w-full border-collapse text-sm">
          <caption className="mb-1 text-left font-bold">■{f.visibleTitle}</caption>
          <tbody>
            {f.visibleRows.map(([label, text]) => (
              <tr key={label} className="border border-line">
                <th scope="row" className="w-40 bg-panel p-2 text-left align-top">
                  {label}
                </th>
                <td className="p-2">{text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="q2">
        <h2 id="q2" className="mb-2 text-lg font-bold">
          {f.question}
          {f.q2}
        </h2>
        <p className="mb-4">
          <span className="font-bold">{f.answer}</span>
          {f.a2}
        </p>
        <div className="data-table-frame">
          <table className="data-table w-full border-collapse text-sm">
            <caption className="mb-1 text-left font-bold">■{f.messagesTitle}</caption>
            <thead>
              <tr className="bg-panel text-left">
                <th scope="col" className="border border-line p-2">
                  {f.number}
                </th>
                <th scope="col" className="border border-line p-2">
                  {f.message}
                </th>
                <th scope="col" className="border border-line p-2">
                  {f.explanation}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.messageRows.map(([number, message, explanation], index) => (
                <tr key={`${number}-${index}`}>
                  <Cell label={f.number} className="border border-line p-2 whitespace-nowrap">
                    {number}
                  </Cell>
                  <Cell label={f.message} className="border border-line p-2">
                    {message}
                  </Cell>
                  <Cell label={f.explanation} className="border border-line p-2">
                    {explanation}
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
