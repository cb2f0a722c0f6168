export default {
  serviceNav: "サービスメニュー",
  login: "ログイン",
  logout: "ログアウト",
  languageSwitch: "English",
  languageSwitchLabel: "Switch to English",
  accountNav: "アカウント",
} as const;
