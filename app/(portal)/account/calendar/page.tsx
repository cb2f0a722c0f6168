import type { Metadata } from "next";
import { customerPage } from "@/lib/auth/guards";
import { getCalendarFeedStatus } from "@/lib/calendar/feed";
import { formatDateTime } from "@/lib/dates";
import { getTranslations } from "@/lib/i18n";
import { CalendarFeedPanel } from "./calendar-feed-panel";
import { HeadedSection } from "@/app/_components/headed-section";
import { PageBody } from "@/app/_components/customer-shell";
import { PageTitle } from "@/app/_components/page-title";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations())("calendarFeed.title") };
}

// N-5 カレンダー連携 (アカウント設定, beyond the manual): issue, re-issue or turn off the login's end-date calendar feed,
// and how to add it to Outlook and Google Calendar. The URL itself is shown once, right after it is issued.
export default async function CalendarFeedPage() {
  const actor = await customerPage({ next: "/account/calendar" });
  const [status, m] = await Promise.all([getCalendarFeedStatus(actor), getTranslations("calendarFeed")]);
  return (
    <PageBody kind="form">
      <PageTitle className="mb-2">{m("title")}</PageTitle>
      <p className="mb-6">{m("intro")}</p>
      <CalendarFeedPanel
        status={status ? { createdAt: formatDateTime(status.createdAt), lastUsedAt: status.lastUsedAt ? formatDateTime(status.lastUsedAt) : null } : null}
        labels={{
          status: m("status"),
          statusOn: m("statusOn"),
          statusOff: m("statusOff"),
          createdAt: m("createdAt"),
          lastUsedAt: m("lastUsedAt"),
          neverUsed: m("neverUsed"),
          issue: m("issue"),
          reissue: m("reissue"),
          reissueQuestion: m("reissueQuestion"),
          revoke: m("revoke"),
          revokeQuestion: m("revokeQuestion"),
          cancel: m("cancel"),
          urlLabel: m("urlLabel"),
          copy: m("copy"),
          copied: m("copied"),
          copyFailed: m("copyFailed"),
        }}
      />
      <HeadedSection id="calendar-secret" heading={m("secretHeading")} className="mt-8">
        <p>{m("secret")}</p>
      </HeadedSection>
      <HeadedSection id="calendar-how-to" heading={m("howToHeading")} className="mt-8">
        <h3 className="mt-4 mb-1 font-bold">{m("outlookHeading")}</h3>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{m("outlookStep1")}</li>
          <li>{m("outlookStep2")}</li>
          <li>{m("outlookStep3")}</li>
        </ol>
        <h3 className="mt-4 mb-1 font-bold">{m("googleHeading")}</h3>
        <ol className="list-decimal space-y-1 pl-6">
          <li>{m("googleStep1")}</li>
          <li>{m("googleStep2")}</li>
        </ol>
        <p className="mt-4 text-sm">{m("updateNote")}</p>
        <p className="mt-2 text-sm">{m("alarmNote")}</p>
      </HeadedSection>
    </PageBody>
  );
}
