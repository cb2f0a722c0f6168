import type { Metadata } from "next";
import { PageTitle } from "@/app/_components/page-title";
import { Cell } from "@/app/_components/table-head";
import { publicPage } from "@/lib/auth/guards";
import { getTranslations } from "@/lib/i18n";
import type { ReactNode } from "react";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("faqLicenses.title") };
}

// The tables' rows, as the catalogue numbers them (faqLicenses.visibleRows, faqLicenses.messageRows).
const VISIBLE_ROWS = ["1", "2", "3", "4", "5", "6"] as const;
const MESSAGE_ROWS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;
// The messages table's columns: each header's key names the same field of every row.
const MESSAGE_COLUMNS = [
  { key: "number", className: "border border-line p-2 whitespace-nowrap" },
  { key: "message", className: "border border-line p-2" },
  { key: "explanation", className: "border border-line p-2" },
] as const;

/** One Q&A: 「Q」 and the question as its heading, 「A」 and the answer, then what illustrates it. */
function Question({
  id,
  question,
  answer,
  labels,
  className,
  children,
}: {
  id: string;
  question: string;
  answer: string;
  labels: { question: string; answer: string };
  className?: string;
  children: ReactNode;
}) {
  return (
    <HeadedSection
      id={id}
      heading={
        <>
          {labels.question}
          {question}
        </>
      }
      className={className}
    >
      <p className="mb-4">
        <span className="font-bold">{labels.answer}</span>
        {answer}
      </p>
      {children}
    </HeadedSection>
  );
}

// B-9: the manual's two Q&A (見たい契約が表示されません / 操作中にエラーメッセージが表示されました). Public: it helps
// before signing in too.
export default async function LicenseFaqPage() {
  await publicPage();
  const f = await getTranslations("faqLicenses");
  return (
    <PageBody kind="form">
      <PageTitle className="mb-6">{f("title")}</PageTitle>
      <Question id="q1" question={f("q1")} answer={f("a1")} labels={{ question: f("question"), answer: f("answer") }} className="mb-10">
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
      </Question>
      <Question id="q2" question={f("q2")} answer={f("a2")} labels={{ question: f("question"), answer: f("answer") }}>
        <div className="data-table-frame">
          <table className="data-table w-full border-collapse text-sm">
            <caption className="mb-1 text-left font-bold">■{f("messagesTitle")}</caption>
            <thead>
              <tr className="bg-panel text-left">
                {MESSAGE_COLUMNS.map(({ key }) => (
                  <th key={key} scope="col" className="border border-line p-2">
                    {f(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {MESSAGE_ROWS.map((row) => (
                <tr key={row}>
                  {MESSAGE_COLUMNS.map(({ key, className }) => (
                    <Cell key={key} label={f(key)} className={className}>
                      {f(`messageRows.${row}.${key}`)}
                    </Cell>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Question>
    </PageBody>
  );
}
