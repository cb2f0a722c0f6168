import type { Messages } from "@/lib/i18n/ja";
import type { CategoryIconName } from "./icons";
import { MenuBlock, type MenuGroup } from "./menu-block";

// SPEC T and R: the service menu's categories, their menus and the stable paths they lead to. 🔒 = needs login.
function categories(t: Messages): { key: string; icon: CategoryIconName; title: string; groups: MenuGroup[] }[] {
  const m = t.menu;
  return [
    {
      key: "contracts",
      icon: "contracts",
      title: m.contracts.title,
      groups: [
        {
          items: [
            { href: "/licenses", label: m.contracts.items.licenses, locked: true },
            { href: "/contracts/search", label: m.contracts.items.search, locked: true },
            { href: "/faq/licenses", label: m.contracts.items.faq, locked: false },
          ],
        },
      ],
    },
    {
      key: "activation",
      icon: "activation",
      title: m.activation.title,
      groups: [
        {
          label: m.activation.online,
          items: [
            { href: "/activation-codes/apex-one", label: m.activation.items.apexOne, locked: true },
            { href: "/activation-codes/virus-buster", label: m.activation.items.virusBuster, locked: true },
            { href: "/activation-codes/apex-central", label: m.activation.items.apexCentral, locked: true },
          ],
        },
        { label: m.activation.offline, items: [{ href: "/activation-codes/offline", label: m.activation.items.offline, locked: true }] },
      ],
    },
    {
      key: "downloads",
      icon: "downloads",
      title: m.downloads.title,
      groups: [
        {
          items: [
            { href: "/downloads/deep-discovery", label: m.downloads.items.deepDiscovery, locked: true },
            { href: "/downloads/safe-lock", label: m.downloads.items.safeLock, locked: true },
            { href: "/downloads/policy-manager", label: m.downloads.items.policyManager, locked: true },
            { href: "/downloads/patterns", label: m.downloads.items.patterns, locked: true },
          ],
        },
      ],
    },
    {
      key: "account",
      icon: "account",
      title: m.account.title,
      groups: [
        {
          items: [
            { href: "/account/password", label: m.account.items.password, locked: true },
            { href: "/account/mail", label: m.account.items.mail, locked: true },
            { href: "/account/mfa", label: m.account.items.mfa, locked: true },
          ],
        },
      ],
    },
  ];
}

// Signed out, a 🔒 menu leads to login and back to the menu afterwards.
function withLogin(groups: MenuGroup[], signedIn: boolean): MenuGroup[] {
  if (signedIn) return groups;
  return groups.map((g) => ({
    ...g,
    items: g.items.map((item) => (item.locked ? { ...item, href: `/login?callbackUrl=${encodeURIComponent(item.href)}` } : item)),
  }));
}

export function ServiceMenu({ t, signedIn }: { t: Messages; signedIn: boolean }) {
  return (
    <section aria-labelledby="service-menu-heading">
      <h2 id="service-menu-heading" className="mb-1 border-l-4 border-brand pl-3 text-xl font-bold">
        {t.top.serviceMenu}
      </h2>
      <p className="mb-3 text-sm text-muted">{t.top.serviceMenuNote}</p>
      <div className="grid gap-3 md:grid-cols-2">
        {categories(t).map((c) => (
          <MenuBlock
            key={c.key}
            title={c.title}
            icon={c.icon}
            groups={withLogin(c.groups, signedIn)}
            lockLabel={t.top.loginRequired}
            lockNote={t.common.parenthesized.replace("{text}", t.top.loginRequired)}
          />
        ))}
      </div>
    </section>
  );
}
