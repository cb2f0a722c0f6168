import type { Shape } from "../shape";
import type ja from "../ja/header";
export default {
  serviceNav: "Service menu",
  login: "Log in",
  logout: "Log out",
  languageSwitch: "日本語",
  languageSwitchLabel: "日本語に切り替える",
  menu: "Menu",
  // N-1: the signed-in top page's overview, from every page.
  overview: "Overview",
  accountNav: "Account",
} satisfies Shape<typeof ja>;
