import type { ReactNode } from "react";

// Inline SVG icons: emoji depend on the visitor's fonts (a kiosk PC may show tofu); these do not.
type IconProps = { className?: string };
const base = {
  "aria-hidden": true,
  focusable: false,
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  viewBox: "0 0 24 24",
} as const;

/** An icon component drawing `shapes` on the shared 24×24 stroke grid; `size` is its default className. */
function strokeIcon(shapes: ReactNode, size = "h-6 w-6") {
  return function StrokeIcon({ className = size }: IconProps) {
    return (
      <svg {...base} className={className}>
        {shapes}
      </svg>
    );
  };
}

export const LockIcon = strokeIcon(
  <>
    <rect x="4" y="11" width="16" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </>,
  "h-4 w-4",
);

export const DocumentIcon = strokeIcon(
  <>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h6" />
  </>,
);

export const KeyIcon = strokeIcon(
  <>
    <circle cx="8" cy="15" r="4" />
    <path d="M10.8 12.2 20 3M16 7l3 3M14 9l2 2" />
  </>,
);

export const DownloadIcon = strokeIcon(<path d="M12 3v12M7 10l5 5 5-5M4 21h16" />);

export const GearIcon = strokeIcon(
  <>
    <circle cx="12" cy="12" r="3" />
    <path
      d={[
        "M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4",
        "0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0",
        "0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0",
        "1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8",
        "2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",
      ].join(" ")}
    />
  </>,
);

export const categoryIcons = { contracts: DocumentIcon, activation: KeyIcon, downloads: DownloadIcon, account: GearIcon } as const;
export type CategoryIconName = keyof typeof categoryIcons;
