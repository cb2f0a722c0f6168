export default {
  contracts: {
    title: "契約内容の確認・変更・印刷",
    items: { licenses: "保有ライセンス一覧", search: "契約内容の確認・変更・印刷（アクティベーションコード等で探す）", faq: "ライセンス契約情報に関するQ&A" },
  },
  activation: {
    title: "各種アクティベーションコード発行",
    online: "オンライン環境用",
    offline: "オフライン環境用",
    items: {
      apexOne: "Apex One用アクティベーションコード",
      virusBuster: "法人用ウイルスバスター",
      apexCentral: "Apex Central（旧TMCM）アクティベーションコード",
      offline: "オフライン環境用アクティベーションコード",
    },
    // The buttons of the C menu page, as the manual's steps press them (C-1…C-3 step 4; 「オフライン環境用」 opens C-4).
    buttons: {
      apexOne: "Apex One / ウイルスバスターコーポレートエディション",
      virusBuster: "法人用ウイルスバスター",
      apexCentral: "Apex Central（旧TMCM）",
    },
  },
  downloads: {
    title: "最新プログラム・各種ドキュメント",
    items: {
      deepDiscovery: "Deep Discovery™ファミリードキュメントダウンロードサイト",
      safeLock: "Trend Micro Safe Lock 最新モジュールダウンロード",
      policyManager: "Trend Micro Policy Manager™ダウンロードサイト",
      patterns: "最新パターンファイル",
    },
  },
  account: {
    title: "アカウント設定",
    items: { password: "ログインパスワード変更", mail: "メール配信設定およびバックナンバー", mfa: "二要素認証", calendar: "カレンダー連携" },
  },
} as const;
