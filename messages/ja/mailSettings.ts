export default {
  title: "メール配信設定およびバックナンバー",
  intro: "Support Informationメールの配信設定およびバックナンバー取得はこちらからお手続きください。",
  checkbox: "Support Informationメールの購読を希望する",
  ok: "OK",
  done: "設定が完了しました",
  backNumbersLink: "＞バックナンバー",
  backNumbers: "Support Informationリスト",
  backToSettings: "メール配信設定に戻る",
  backToList: "Support Informationリストに戻る",
  noBackNumbers: "バックナンバーはまだありません。",
  date: "日付",
  subject: "タイトル",
} as const;
