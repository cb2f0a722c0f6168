import { getTranslations } from "@/lib/i18n";
import type { RootTranslator } from "@/lib/i18n";
import type { CategoryIconName } from "./icons";
import { MenuBlock, type MenuGroup } from "./menu-block";

// SPEC T and R: the service menu's categories, their menus and the stable paths they lead to. 🔒 = needs login.
function categories(t: RootTranslator): { key: string; icon: CategoryIconName; title: string; groups: MenuGroup[] }[] {
  return [
    {
      key: "contracts",
      icon: "contracts",
      title: t("menu.contracts.title"),
      groups: [
        {
          items: [
            { href: "/licenses", label: t("menu.contracts.items.licenses"), locked: true },
            { href: "/contracts/search", label: t("menu.contracts.items.search"), locked: true },
            { href: "/faq/licenses", label: t("menu.contracts.items.faq"), locked: false },
          ],
        },
      ],
    },
    {
      key: "activation",
      icon: "activation",
      title: t("menu.activation.title"),
      groups: [
        {
          label: t("menu.activation.online"),
          items: [
            { href: "/activation-codes/apex-one", label: t("menu.activation.items.apexOne"), locked: true },
            { href: "/activation-codes/virus-buster", label: t("menu.activation.items.virusBuster"), locked: true },
            { href: "/activation-codes/apex-central", label: t("menu.activation.items.apexCentral"), locked: true },
          ],
        },
        { label: t("menu.activation.offline"), items: [{ href: "/activation-codes/offline", label: t("menu.activation.items.offline"), locked: true }] },
      ],
    },
    {
      key: "downloads",
      icon: "downloads",
      title: t("menu.downloads.title"),
      groups: [
        {
          items: [
            { href: "/downloads/deep-discovery", label: t("menu.downloads.items.deepDiscovery"), locked: true },
            { href: "/downloads/safe-lock", label: t("menu.downloads.items.safeLock"), locked: true },
            { href: "/downloads/policy-manager", label: t("menu.downloads.items.policyManager"), locked: true },
            { href: "/downloads/patterns", label: t("menu.downloads.items.patterns"), locked: true },
          ],
        },
      ],
    },
    {
      key: "account",
      icon: "account",
      title: t("menu.account.title"),
      groups: [
        {
          items: [
            { href: "/account/password", label: t("menu.account.items.password"), locked: true },
            { href: "/account/mail", label: t("menu.account.items.mail"), locked: true },
            { href: "/account/mfa", label: t("menu.account.items.mfa"), locked: true },
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

export async function ServiceMenu({ signedIn }: { signedIn: boolean }) {
  const t = await getTranslations();
  return (
    <section aria-labelledby="service-menu-heading">
      <h2 id="service-menu-heading" className="mb-1 border-l-4 border-brand pl-3 text-xl font-bold">
        {t("top.serviceMenu")}
      </h2>
      <p className="mb-3 text-sm text-muted">{t("top.serviceMenuNote")}</p>
      <div className="grid gap-3 md:grid-cols-2">
        {categories(t).map((c) => (
          <MenuBlock
            key={c.key}
            title={c.title}
            icon={c.icon}
            groups={withLogin(c.groups, signedIn)}
            lockLabel={t("top.loginRequired")}
            lockNote={t("common.parenthesized", { text: t("top.loginRequired") })}
          />
        ))}
      </div>
    </section>
  );
}
