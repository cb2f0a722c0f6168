export default {
  title: "メール配信設定およびバックナンバー",
  intro: "Support Informationメールの配信設定およびバックナンバー取得はこちらからお手続きください。",
  checkbox: "Support Informationメールの購読を希望する",
  ok: "OK",
  done: "設定が完了しました",
  // N-3 (beyond the manual): the renewal reminders (M-13).
  remindersHeading: "契約終了日のお知らせ",
  remindersIntro:
    "ご契約の契約終了日の90日前・60日前・30日前（休業日の場合はその前の営業日）に、契約窓口・サポート窓口のメールアドレスへお知らせをお送りします。不要な契約はチェックを外して「OK」を押してください。",
  remindersAll: "契約終了日のお知らせを受け取る",
  remindersPerContract: "契約ごとの設定（チェックした契約のお知らせを受け取ります）",
  remindersContract: "ライセンスID {licenseId}：<name>{product}</name>（契約終了日 {endDate}）",
  remindersNone: "お知らせの対象となるご契約はありません。",
  remindersInvalid: "設定を保存できませんでした。ページを再読み込みして、もう一度お試しください。",
  backNumbersLink: "＞バックナンバー",
  backNumbers: "Support Informationリスト",
  backToSettings: "メール配信設定に戻る",
  backToList: "Support Informationリストに戻る",
  noBackNumbers: "バックナンバーはまだありません。",
  date: "日付",
  subject: "タイトル",
} as const;
