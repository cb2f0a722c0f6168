// SPEC M: every mail's subject and text. Mails are sent in Japanese whatever the visitor's language (the manual's
// subjects, with the configured vendor and site names as arguments); messages/en/mail.ts keeps the keys in step.
// Rendered by emails/*.tsx and lib/*/mails.ts through translator("ja", …) (lib/i18n).
export default {
  layout: {
    sendOnly: "※本メールは送信専用のアドレスから送信しています。ご返信いただいてもお答えできませんのでご了承ください。",
    contact: "{windowName}　電話：{phone}（受付時間：{hours}）",
  },
  common: {
    toContact: "ご担当者さま",
    toPerson: "{name} さま",
    notYou: "※このメールにお心当たりのない場合は、お手数ですが下記のお問い合わせ窓口までご連絡ください。",
  },
  // M-1 (SPEC A-3).
  temporaryPassword: {
    subject: "【{vendor}】法人カスタマーサービス & サポート：仮パスワード発行",
    preview: "仮パスワードを発行しました",
    lead: "{siteName}の仮パスワードを発行しました。下記のログインURLからログインし、新しいパスワードを設定してください。",
    loginUrl: "ログインURL：",
    open: "ログイン画面を開く",
    loginEmail: "ログインメールアドレス：{email}",
    password: "仮パスワード：",
    validUntil: "※仮パスワードの有効期限は {expiresAt} までです。一度ログインに使用すると無効になります。",
    reissue: "※仮パスワードを再発行すると、以前の仮パスワードは使用できなくなります。",
    notYou: "※お心当たりのない場合は、本メールを破棄してください。現在のパスワードは引き続きご利用いただけます。",
  },
  // M-2 (SPEC A-4, E-1).
  passwordChanged: {
    subject: "【{vendor}】法人カスタマーサービス & サポート：パスワード変更完了のお知らせ",
    preview: "パスワード変更完了のお知らせ",
    body: "{siteName}のログインパスワードの変更が完了しました（{changedAt}）。引き続き{siteName}の各サービスメニューをご利用ください。",
    notYou:
      "※このメールにお心当たりのない場合は、第三者による不正な変更のおそれがあります。お手数ですが、お問い合わせ窓口（{contactPhone}）までご連絡ください。",
  },
  // M-3 契約内容変更完了 / M-4 契約内容変更受付＆一部変更処理完了 (SPEC B-5, manual ⑦–⑩).
  contactChange: {
    subject: { complete: "契約内容変更完了", accepted: "契約内容変更受付＆一部変更処理完了" },
    lead: {
      complete: "{siteName}にて、ライセンスID {licenseId} のご契約情報の変更が完了しました（{changedAt}）。",
      accepted:
        "{siteName}にて、ライセンスID {licenseId} のご契約情報の変更を受け付けました（{changedAt}）。契約窓口の法人名・支社名以外の変更処理は完了しています。",
    },
    item: "項目",
    before: "変更前",
    after: "変更後",
    row: "{role} {field}",
    none: "（なし）",
    role: { contract: "契約窓口", support: "サポート窓口" },
    nameChange:
      "契約窓口の法人名・支社名の変更（{before} → {after}）は、内容の確認をさせていただくため、変更の反映まで５営業日ほどかかります（目安：{dueDate}）。変更が完了しましたら「契約内容変更完了」メールでお知らせします。",
    // a changed contact e-mail and the time it can sign in from.
    emailNote:
      "{role}のメールアドレス（ログインID）を {after} に変更しました。新しいメールアドレスでログインいただけるのは {effectiveAt} 以降です。それまでは {before} でログインいただけます。",
  },
  // G-3: after the review — approved: M-3 契約内容変更完了; rejected: the mail that says so and why.
  nameChangeDecision: {
    subject: { approved: "契約内容変更完了", rejected: "契約法人名・支社名の変更依頼について" },
    approved: "{requestedAt}にご依頼いただいたライセンスID {licenseId} の契約法人名・支社名の変更が完了しました（{decidedAt}）。",
    before: "変更前：{name}",
    after: "変更後：{name}",
    rejected:
      "{requestedAt}にご依頼いただいたライセンスID {licenseId} の契約法人名・支社名の変更（{before} → {after}）は、内容を確認させていただいた結果、お受けすることができませんでした（{decidedAt}）。",
    reason: "理由：{note}",
    again: "お手数ですが、内容をご確認の上、{siteName}から再度お手続きいただくか、下記のお問い合わせ窓口までご連絡ください。",
  },
  // M-5 … M-11 (SPEC C-1 … C-4): what each flow issues, as its subjects say it (C-2 issues シリアル番号).
  issuance: {
    title: {
      apex_one: "Apex One/ウイルスバスターCorp. 用アクティベーションコード",
      virus_buster: "法人用ウイルスバスターシリアル番号",
      offline: "オフライン用アクティベーションコード",
    },
    codeLabel: { apex_one: "アクティベーションコード", virus_buster: "シリアル番号", offline: "アクティベーションコード" },
    product: "製品",
    quantity: "数量",
    keepSafe: "※{codeLabel}は製品のご利用に必要な大切な情報です。第三者に知られることのないよう、大切に保管してください。",
    // M-5 / M-7 / M-10 …発行URLのご連絡: the identity check; nothing is issued yet.
    url: {
      subject: "【{vendor}】{title}発行URLのご連絡",
      preview: "{title}発行URLのご連絡",
      lead: "{siteName}にて、ライセンスID {licenseId} の{title}の発行依頼を受け付けました（{requestedAt}）。ご依頼の内容は下記のとおりです。",
      contactEmail: "連絡先メールアドレス：{email}",
      notYet: "{codeLabel}はまだ発行されていません。下記の発行URLを開き、ご依頼の内容をご確認の上、「発行を依頼する」ボタンを押してください。",
      urlLabel: "発行URL：",
      validUntil: "※発行URLの有効期限は {expiresAt} までです。発行URLは一度だけご利用いただけます。",
      signIn: "※発行URLを開くには、発行をご依頼いただいたアカウントでのログインが必要です。",
      resend: "※有効期限を過ぎた場合は、{siteName}のライセンス契約情報の詳細画面から発行URLを再送できます（再度ご依頼いただくこともできます）。",
    },
    // M-6 / M-8 / M-11 …発行完了のご連絡: the issued codes.
    complete: {
      subject: "【{vendor}】{title}発行完了のご連絡",
      preview: "{title}発行完了のご連絡",
      lead: "{siteName}にて、ライセンスID {licenseId} の{title}を発行いたしました（{issuedAt}）。発行した{codeLabel}は下記のとおりです。",
      detail: "発行した{codeLabel}は、{siteName}の「ライセンス契約情報」で、ライセンスID {licenseId} の詳細画面からもご確認いただけます。",
    },
  },
  // M-9 (SPEC C-3): the Apex Central code, to the login address.
  apexCentral: {
    subject: "{vendor}製品用アクティベーションコードのご案内",
    preview: "アクティベーションコードのご案内",
    lead: "{siteName}にて、ライセンスID {licenseId} の{productName}のアクティベーションコードを発行いたしました（{issuedAt}）。内容は下記のとおりです。",
    product: "製品",
    quantity: "数量",
    code: "アクティベーションコード",
    supportEndDate: "サポート終了日",
  },
  // G-1 staff accounts (no M id): an admin invited this address, or asked for a new password; the link works once.
  staffLink: {
    subject: {
      invite: "【{vendor}】{siteName}：スタッフ管理画面へのご招待",
      reset: "【{vendor}】{siteName}：スタッフ管理画面のパスワード再設定",
    },
    preview: { invite: "スタッフ管理画面へのご招待", reset: "パスワード再設定のご案内" },
    lead: {
      invite: "{invitedBy} さまから、{siteName} のスタッフ管理画面に招待されました。次のリンクからパスワードを設定してください。",
      reset: "{invitedBy} さまが、{siteName} のスタッフ管理画面のパスワード再設定を受け付けました。次のリンクから新しいパスワードを設定してください。",
    },
    validUntil:
      "リンクの有効期限は {expiresAt} までで、1回だけ使えます。パスワードを設定したあとの最初のログインで、認証アプリによる二要素認証を設定していただきます。",
    notYou: "※このメールにお心当たりのない場合は、リンクを開かずに破棄してください。",
  },
  // M-12 Support Information (SPEC G-5): after the issue's own title and body.
  // M-13 (N-3, beyond the manual): the renewal reminders, 90/60/30 days before 契約終了日.
  renewalReminder: {
    subject: "【{vendor}】ライセンス契約終了日のお知らせ（{days, number}日前）",
    preview: "契約終了日まで{days, number}日のご契約があります",
    lead: "{siteName}をご利用いただきありがとうございます。次の{count, number}件のご契約は、契約終了日まで{days, number}日となりました。継続してご利用いただく場合は、更新のお手続きをご検討ください。",
    licenseId: "ライセンスID",
    product: "製品",
    endDate: "契約終了日",
    quote: "参考更新価格",
    quoteLink: "参考更新価格を算出する",
    noQuote: "－（販売店またはお問い合わせ窓口にご相談ください）",
    list: "ご契約の一覧は<link>保有ライセンス一覧</link>でご確認いただけます。",
    stop: "このお知らせは契約ごとに<settings>メール配信設定</settings>で停止できます。すべての契約終了日のお知らせを停止する場合は<unsubscribe>配信停止</unsubscribe>へお進みください。",
  },
  supportInformation: {
    backNumbers: "バックナンバーは<link>こちら</link>からご覧いただけます。",
    unsubscribe:
      "Support Informationメールの配信を停止する場合は<unsubscribe>配信停止</unsubscribe>へ、配信設定の変更は<settings>メール配信設定</settings>へお進みください。",
  },
} as const;
