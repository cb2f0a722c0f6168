// B-8: a refused contract look-up — the message, and where the SPEC says so the MSG number, the key that was
// searched and the contact window (B-7's search and the C forms' ① share it). The customer is asked to quote the MSG
// number only when there is one, and it stands under the request, labelled, with the key.
export type SearchNoticeState = { message: string; number?: string; key?: string; showContact: boolean };
export type SearchNoticeLabels = { quote: string; quoteWithoutNumber: string; number: string; searchedKey: string; colon: string };
export type SearchNoticeContact = { windowName: string; phone: string; hours: string; webFormUrl: string; webLink: string; hoursLabel: string };

export function SearchNotice({ notice, labels, contact }: { notice: SearchNoticeState; labels: SearchNoticeLabels; contact: SearchNoticeContact }) {
  return (
    <section role="alert" className="mb-6 rounded border border-brand bg-[#fff5f5] p-4" data-testid="search-message">
      <p className="mb-3 font-bold text-[#86061d]">{notice.message}</p>
      {notice.showContact ? (
        <>
          <p className="mb-2 text-sm">{notice.number ? labels.quote : labels.quoteWithoutNumber}</p>
          <dl className="mb-3 text-sm">
            {notice.number ? (
              <div>
                <dt className="inline font-bold">
                  {labels.number}
                  {labels.colon}
                </dt>
                <dd className="inline font-mono" data-testid="msg-number">
                  {notice.number}
                </dd>
              </div>
            ) : null}
            {notice.key ? (
              <div>
                <dt className="inline font-bold">
                  {labels.searchedKey}
                  {labels.colon}
                </dt>
                <dd className="inline font-mono">{notice.key}</dd>
              </div>
            ) : null}
          </dl>
          <div className="rounded border border-line bg-white p-3 text-sm">
            <p className="font-bold">{contact.windowName}</p>
            <p>
              <a href={contact.webFormUrl} target="_blank" rel="noopener noreferrer" className="text-link underline">
                {contact.webLink}
              </a>
            </p>
            <p className="text-lg font-bold tabular-nums">{contact.phone}</p>
            <p className="text-muted">
              {contact.hoursLabel}
              {labels.colon}
              {contact.hours}
            </p>
          </div>
        </>
      ) : null}
    </section>
  );
}
