import Image from "next/image";
import { secretForDisplay, totpQrSvg, totpUri } from "@/lib/auth/totp";

// MFA (beyond the SPEC): the enrolment's QR code (drawn on the server as SVG, shown as a data: image: CSP img-src allows data:)
// and the same secret as text for typing by hand.
export function TotpQr({ issuer, account, secret, labels }: { issuer: string; account: string; secret: Uint8Array; labels: { qr: string; secret: string } }) {
  const svg = totpQrSvg(totpUri(issuer, account, secret));
  return (
    <div className="mb-6 flex flex-wrap items-start gap-6">
      <Image
        unoptimized
        src={`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`}
        alt={labels.qr}
        width={200}
        height={200}
        className="rounded border border-line bg-white p-2"
      />
      <div className="max-w-xs">
        <p className="mb-2 text-sm">{labels.secret}</p>
        <p
          data-testid="totp-secret"
          data-i18n-exempt="the secret key"
          className="rounded border border-line bg-panel px-3 py-2 font-mono text-lg tracking-wider break-all"
        >
          {secretForDisplay(secret)}
        </p>
      </div>
    </div>
  );
}
