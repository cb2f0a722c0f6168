import ReactMarkdown, { type Components } from "react-markdown";

// F-1 / G-2: notice bodies are Markdown written by staff, rendered safely: raw HTML is dropped (skipHtml), and
// react-markdown's default URL transform removes javascript:, data: and other unsafe links. Every link gets
// rel="noopener noreferrer" (the rule: no referrer and no opener for wherever a notice points).
// Decision where the SPEC is silent: no images. The CSP allows images only from this site (img-src 'self' data:),
// which has no image upload, so an image in a notice could only show broken or report a CSP violation.
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer" />,
};

/** Also the marketers' live preview (G-2): one renderer, so the preview is exactly what the public pages show. */
export function Markdown({ children }: { children: string }) {
  // Staff-written content is data: shown as written whatever the locale (data-i18n-exempt, tests/e2e/locale.spec.ts).
  return (
    <div className="prose-notice" data-i18n-exempt="content written by staff">
      <ReactMarkdown skipHtml components={components} disallowedElements={["img"]}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
