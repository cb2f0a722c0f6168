import Link from "next/link";
import { Fragment, type ComponentProps, type HTMLAttributes, type ReactNode } from "react";
import { DataTable } from "@/app/_components/table-head";

/** A staff page one level down (a new or edited record): the way back to its list above everything else. */
export function BackLinkPage({ href, back, children }: { href: string; back: string; children: ReactNode }) {
  return (
    <div>
      <p className="mb-4 text-sm">
        <Link href={href}>{back}</Link>
      </p>
      {children}
    </div>
  );
}

/** A record's new or edit page: the way back, then its title. */
export function EditPage({ href, back, title, children }: { href: string; back: string; title: string; children: ReactNode }) {
  return (
    <BackLinkPage href={href} back={back}>
      <h1 className="mb-4 text-2xl font-bold">{title}</h1>
      {children}
    </BackLinkPage>
  );
}

/** A staff page's title with the sentence that says what the page is for (a page with a form right under it keeps it closer). */
export function PageTitle({ title, intro, introClassName = "mb-6 text-sm" }: { title: string; intro: string; introClassName?: string }) {
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">{title}</h1>
      <p className={introClassName}>{intro}</p>
    </>
  );
}

/** A part of a staff page under its own heading, which names the section for assistive technology. */
export function TitledSection({
  headingId,
  title,
  className,
  children,
  ...section
}: { headingId: string; title: string; className?: string; children: ReactNode } & HTMLAttributes<HTMLElement> & { "data-i18n-exempt"?: string }) {
  return (
    <section aria-labelledby={headingId} className={className} {...section}>
      <h2 id={headingId} className="mb-2 text-lg font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One fact of a FactList; the value's own attributes (a test id, a font) go on its `dd`. */
export type Fact = { term: string; value: ReactNode; className?: string; "data-testid"?: string; "data-i18n-exempt"?: string };

/** A record's facts above its form: term and value in two columns. */
export function FactList({ facts }: { facts: Fact[] }) {
  return (
    <dl className="mb-6 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      {facts.map(({ term, value, ...dd }) => (
        <Fragment key={term}>
          <dt className="font-bold text-muted">{term}</dt>
          <dd {...dd}>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** A staff list: its table with one row per item, or the sentence that says there is none. */
export function ListTable<T>({
  items,
  empty,
  children: row,
  ...table
}: { items: readonly T[]; empty: ReactNode; children: (item: T) => ReactNode } & Omit<ComponentProps<typeof DataTable>, "children">) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <DataTable {...table}>
      <tbody>{items.map(row)}</tbody>
    </DataTable>
  );
}

/** A row of a staff list, ruled off from the next. */
export function ListRow({ children, ...tr }: HTMLAttributes<HTMLTableRowElement> & { "data-email"?: string }) {
  return (
    <tr className="border-b border-line align-top" {...tr}>
      {children}
    </tr>
  );
}

/** A column header that only screen readers hear (a row's action: its button says what it does). */
export function hiddenColumn(key: string, label: string) {
  return (
    <span key={key} className="sr-only">
      {label}
    </span>
  );
}
