import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { Children, Fragment, type CSSProperties, type ReactNode } from "react";
import { siteConfig } from "@/lib/config/site";
import { translator } from "@/lib/i18n";

// The frame every mail of SPEC M shares: site name, the body, and the contact window with the standard notice
// that the address is send-only. The plain-text part is derived from this HTML at enqueue time. Mails are Japanese
// (SPEC M): every text comes from the catalogue's `mail` namespace, translated for "ja" whatever the visitor's locale.
export function MailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  const site = siteConfig();
  const t = translator("ja", "mail.layout");
  return (
    <Html lang="ja">
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{ backgroundColor: "#f4f5f7", fontFamily: "'Hiragino Kaku Gothic ProN', Meiryo, sans-serif", color: "#1f2328", margin: 0, padding: "24px 0" }}
      >
        <Container style={{ backgroundColor: "#ffffff", maxWidth: 600, padding: "24px 32px", borderTop: "4px solid #c8102e" }}>
          <Text style={{ fontSize: 13, color: "#57606a", margin: "0 0 16px" }}>
            {site.vendorName} {site.siteName}
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: "#d0d7de", margin: "24px 0 16px" }} />
          <Lines style={{ fontSize: 12, color: "#57606a", lineHeight: "20px", margin: 0 }}>
            {t("sendOnly")}
            {t("contact", { windowName: site.contact.windowName, phone: site.contact.phone, hours: site.contact.hours })}
            {site.copyright}
          </Lines>
        </Container>
      </Body>
    </Html>
  );
}

export const paragraph = { fontSize: 14, lineHeight: "24px", margin: "0 0 12px" } as const;

/** A link as the mails show a URL in full: underlined, and broken anywhere rather than widening the mail. */
export const link = { color: "#0b5cad", textDecoration: "underline", wordBreak: "break-all" } as const;

/** A paragraph of lines, one under the other: each child on a line of its own (a <br /> between them). */
export function Lines({ style = paragraph, children }: { style?: CSSProperties; children: ReactNode }) {
  return (
    <Text style={style}>
      {Children.toArray(children).map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </Text>
  );
}

/** The small print under a mail's body (how to stop it, where the back numbers are). */
export const smallPrint = { ...paragraph, fontSize: 12, lineHeight: "20px", color: "#57606a" } as const;

/** A rich-text tag of the catalogue (<settings>…</settings>) as a link to `href`, for `t.rich`. */
export function richLink(href: string) {
  return function MailLink(chunks: ReactNode) {
    return (
      <Link href={href} style={{ color: "#0b5cad" }}>
        {chunks}
      </Link>
    );
  };
}
