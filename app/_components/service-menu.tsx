import { getTranslations } from "@/lib/i18n";
import type { RootTranslator } from "@/lib/i18n";
import type { CategoryIconName } from "./icons";
import { MenuBlock, type MenuGroup } from "./menu-block";

type MenuItem = MenuGroup["items"][number];

export type Category = { key: CategoryIconName; icon: CategoryIconName; title: string; groups: MenuGroup[] };

/** A category of the menu, drawn with the icon of the same name. */
function category(key: CategoryIconName, title: string, groups: MenuGroup[]): Category {
  return { key, icon: key, title, groups };
}

/** A menu of the service menu; a 🔒 one needs login. */
function menu(href: string, label: string, locked = true): MenuItem {
  return { href, label, locked };
}

// SPEC T and R: the service menu's categories, their menus and the stable paths they lead to. 🔒 = needs login.
// The one source of the menu: the top page's blocks (ServiceMenu) and every page's header (site-header.tsx).
export function serviceMenuCategories(t: RootTranslator): Category[] {
  return [
    category("contracts", t("menu.contracts.title"), [
      {
        items: [
          menu("/licenses", t("menu.contracts.items.licenses")),
          menu("/contracts/search", t("menu.contracts.items.search")),
          menu("/faq/licenses", t("menu.contracts.items.faq"), false),
        ],
      },
    ]),
    category("activation", t("menu.activation.title"), [
      {
        label: t("menu.activation.online"),
        items: [
          menu("/activation-codes/apex-one", t("menu.activation.items.apexOne")),
          menu("/activation-codes/virus-buster", t("menu.activation.items.virusBuster")),
          menu("/activation-codes/apex-central", t("menu.activation.items.apexCentral")),
        ],
      },
      { label: t("menu.activation.offline"), items: [menu("/activation-codes/offline", t("menu.activation.items.offline"))] },
    ]),
    category("downloads", t("menu.downloads.title"), [
      {
        items: [
          menu("/downloads/deep-discovery", t("menu.downloads.items.deepDiscovery")),
          menu("/downloads/safe-lock", t("menu.downloads.items.safeLock")),
          menu("/downloads/policy-manager", t("menu.downloads.items.policyManager")),
          menu("/downloads/patterns", t("menu.downloads.items.patterns")),
        ],
      },
    ]),
    category("account", t("menu.account.title"), [
      {
        items: [
          menu("/account/password", t("menu.account.items.password")),
          menu("/account/mail", t("menu.account.items.mail")),
          menu("/account/mfa", t("menu.account.items.mfa")),
          menu("/account/calendar", t("menu.account.items.calendar")),
        ],
      },
    ]),
  ];
}

// Signed out, a 🔒 menu leads to login and back to the menu afterwards.
export function withLogin(groups: MenuGroup[], signedIn: boolean): MenuGroup[] {
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
        {serviceMenuCategories(t).map((c) => (
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
