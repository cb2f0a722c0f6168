import ReactMarkdown from "react-markdown";

// F-1: notice bodies are Markdown written by staff, rendered safely: raw HTML is dropped (skipHtml) and
// react-markdown's default URL transform removes javascript: and other unsafe links.
export function Markdown({ children }: { children: string }) {
  // Staff-written content is data: shown as written whatever the locale (data-i18n-exempt, tests/e2e/locale.spec.ts).
  return (
    <div className="prose-notice" data-i18n-exempt>
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
