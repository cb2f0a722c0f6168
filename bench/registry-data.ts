// B-6 test data: files in the format of the national corporate-number data (国税庁 法人番号公表サイト, 基本3情報,
// Unicode edition: CSV, UTF-8, no header, 30 columns). `writeRegistryFile` streams N rows, deterministic per seed,
// with realistic names (a vocabulary of kanji/katakana words with their フリガナ, so that 「テクノ」「工業」 and the
// legal-form prefixes occur as in the real data), all 47 prefectures and plausible postal codes. `registryCsvLine`
// formats one row (the integration tests build their small files with it).
import fs from "node:fs";
import { once } from "node:events";
import { corporateNumberCheckDigit } from "../lib/registry/import";

export type RegistryRowInput = {
  sequence: number;
  corporateNumber: string;
  /** 処理区分: 01 新規, 11, 12, 13, 21 閉鎖, 22 閉鎖の取消し, 71, 72, 81, 99 削除. */
  process?: string;
  correct?: "0" | "1";
  updateDate?: string;
  changeDate?: string;
  name: string;
  /** 法人種別: 301 株式会社, 302 有限会社, 305 合同会社, 399 その他, 401 外国会社等 … */
  kind?: string;
  prefecture?: string;
  city?: string;
  street?: string;
  prefectureCode?: string;
  cityCode?: string;
  postalCode?: string;
  foreignAddress?: string;
  closeDate?: string;
  closeCause?: string;
  successor?: string;
  assignmentDate?: string;
  latest?: "0" | "1";
  englishName?: string;
  furigana?: string;
  hidden?: "0" | "1";
};

function quoted(value: string | undefined): string {
  return value ? `"${value.replace(/"/g, '""')}"` : "";
}

/** One line of the file (without its line break), quoted as the publisher does: text columns in quotes. */
export function registryCsvLine(row: RegistryRowInput): string {
  return [
    String(row.sequence),
    row.corporateNumber,
    row.process ?? "01",
    row.correct ?? "0",
    row.updateDate ?? "2024-04-01",
    row.changeDate ?? "2015-10-05",
    quoted(row.name),
    "",
    row.kind ?? "301",
    quoted(row.prefecture),
    quoted(row.city),
    quoted(row.street),
    "",
    row.prefectureCode ?? "",
    row.cityCode ?? "",
    quoted(row.postalCode),
    quoted(row.foreignAddress),
    "",
    row.closeDate ?? "",
    row.closeCause ?? "",
    row.successor ?? "",
    "",
    row.assignmentDate ?? "2015-10-05",
    row.latest ?? "1",
    quoted(row.englishName),
    "",
    "",
    "",
    quoted(row.furigana),
    row.hidden ?? "0",
  ].join(",");
}

/** A valid 法人番号 (check digit included) for a base number below 10^12. */
export function corporateNumberFor(base: number): string {
  const digits = String(base).padStart(12, "0");
  return `${corporateNumberCheckDigit(digits)}${digits}`;
}

// [name, code, first three postal digits from, to, [city, city code][]]
type Prefecture = [string, string, number, number, [string, string][]];
const PREFECTURES: Prefecture[] = [
  [
    "北海道",
    "01",
    40,
    99,
    [
      ["札幌市中央区", "101"],
      ["旭川市", "204"],
      ["函館市", "202"],
    ],
  ],
  [
    "青森県",
    "02",
    30,
    39,
    [
      ["青森市", "201"],
      ["八戸市", "203"],
    ],
  ],
  [
    "岩手県",
    "03",
    20,
    29,
    [
      ["盛岡市", "201"],
      ["一関市", "209"],
    ],
  ],
  [
    "宮城県",
    "04",
    980,
    989,
    [
      ["仙台市青葉区", "101"],
      ["石巻市", "202"],
    ],
  ],
  [
    "秋田県",
    "05",
    10,
    19,
    [
      ["秋田市", "201"],
      ["横手市", "203"],
    ],
  ],
  [
    "山形県",
    "06",
    990,
    999,
    [
      ["山形市", "201"],
      ["鶴岡市", "203"],
    ],
  ],
  [
    "福島県",
    "07",
    960,
    979,
    [
      ["福島市", "201"],
      ["郡山市", "203"],
    ],
  ],
  [
    "茨城県",
    "08",
    300,
    319,
    [
      ["水戸市", "201"],
      ["つくば市", "220"],
    ],
  ],
  [
    "栃木県",
    "09",
    320,
    329,
    [
      ["宇都宮市", "201"],
      ["小山市", "208"],
    ],
  ],
  [
    "群馬県",
    "10",
    370,
    379,
    [
      ["前橋市", "201"],
      ["高崎市", "202"],
    ],
  ],
  [
    "埼玉県",
    "11",
    330,
    369,
    [
      ["さいたま市大宮区", "103"],
      ["川越市", "201"],
      ["川口市", "203"],
    ],
  ],
  [
    "千葉県",
    "12",
    260,
    299,
    [
      ["千葉市中央区", "101"],
      ["船橋市", "204"],
      ["柏市", "217"],
    ],
  ],
  [
    "東京都",
    "13",
    100,
    208,
    [
      ["千代田区", "101"],
      ["中央区", "102"],
      ["港区", "103"],
      ["新宿区", "104"],
      ["渋谷区", "113"],
      ["品川区", "109"],
      ["八王子市", "201"],
    ],
  ],
  [
    "神奈川県",
    "14",
    210,
    259,
    [
      ["横浜市西区", "103"],
      ["川崎市川崎区", "131"],
      ["相模原市中央区", "152"],
    ],
  ],
  [
    "新潟県",
    "15",
    940,
    959,
    [
      ["新潟市中央区", "103"],
      ["長岡市", "202"],
    ],
  ],
  [
    "富山県",
    "16",
    930,
    939,
    [
      ["富山市", "201"],
      ["高岡市", "202"],
    ],
  ],
  [
    "石川県",
    "17",
    920,
    929,
    [
      ["金沢市", "201"],
      ["小松市", "203"],
    ],
  ],
  [
    "福井県",
    "18",
    910,
    919,
    [
      ["福井市", "201"],
      ["敦賀市", "202"],
    ],
  ],
  [
    "山梨県",
    "19",
    400,
    409,
    [
      ["甲府市", "201"],
      ["富士吉田市", "202"],
    ],
  ],
  [
    "長野県",
    "20",
    380,
    399,
    [
      ["長野市", "201"],
      ["松本市", "202"],
    ],
  ],
  [
    "岐阜県",
    "21",
    500,
    509,
    [
      ["岐阜市", "201"],
      ["大垣市", "202"],
    ],
  ],
  [
    "静岡県",
    "22",
    410,
    439,
    [
      ["静岡市葵区", "101"],
      ["浜松市中央区", "138"],
      ["沼津市", "203"],
    ],
  ],
  [
    "愛知県",
    "23",
    440,
    499,
    [
      ["名古屋市中区", "106"],
      ["名古屋市中村区", "105"],
      ["豊田市", "211"],
      ["岡崎市", "202"],
    ],
  ],
  [
    "三重県",
    "24",
    510,
    519,
    [
      ["津市", "201"],
      ["四日市市", "202"],
    ],
  ],
  [
    "滋賀県",
    "25",
    520,
    529,
    [
      ["大津市", "201"],
      ["草津市", "206"],
    ],
  ],
  [
    "京都府",
    "26",
    600,
    629,
    [
      ["京都市中京区", "104"],
      ["京都市下京区", "106"],
      ["宇治市", "204"],
    ],
  ],
  [
    "大阪府",
    "27",
    530,
    599,
    [
      ["大阪市北区", "127"],
      ["大阪市中央区", "128"],
      ["堺市堺区", "141"],
      ["東大阪市", "227"],
    ],
  ],
  [
    "兵庫県",
    "28",
    650,
    679,
    [
      ["神戸市中央区", "110"],
      ["姫路市", "201"],
      ["尼崎市", "202"],
    ],
  ],
  [
    "奈良県",
    "29",
    630,
    639,
    [
      ["奈良市", "201"],
      ["橿原市", "205"],
    ],
  ],
  [
    "和歌山県",
    "30",
    640,
    649,
    [
      ["和歌山市", "201"],
      ["田辺市", "206"],
    ],
  ],
  [
    "鳥取県",
    "31",
    680,
    689,
    [
      ["鳥取市", "201"],
      ["米子市", "202"],
    ],
  ],
  [
    "島根県",
    "32",
    690,
    699,
    [
      ["松江市", "201"],
      ["出雲市", "203"],
    ],
  ],
  [
    "岡山県",
    "33",
    700,
    719,
    [
      ["岡山市北区", "101"],
      ["倉敷市", "202"],
    ],
  ],
  [
    "広島県",
    "34",
    720,
    739,
    [
      ["広島市中区", "101"],
      ["福山市", "207"],
    ],
  ],
  [
    "山口県",
    "35",
    740,
    759,
    [
      ["山口市", "203"],
      ["下関市", "201"],
    ],
  ],
  [
    "徳島県",
    "36",
    770,
    779,
    [
      ["徳島市", "201"],
      ["鳴門市", "202"],
    ],
  ],
  [
    "香川県",
    "37",
    760,
    769,
    [
      ["高松市", "201"],
      ["丸亀市", "202"],
    ],
  ],
  [
    "愛媛県",
    "38",
    790,
    799,
    [
      ["松山市", "201"],
      ["今治市", "202"],
    ],
  ],
  [
    "高知県",
    "39",
    780,
    789,
    [
      ["高知市", "201"],
      ["南国市", "204"],
    ],
  ],
  [
    "福岡県",
    "40",
    800,
    839,
    [
      ["福岡市博多区", "132"],
      ["福岡市中央区", "133"],
      ["北九州市小倉北区", "106"],
      ["久留米市", "203"],
    ],
  ],
  [
    "佐賀県",
    "41",
    840,
    849,
    [
      ["佐賀市", "201"],
      ["唐津市", "202"],
    ],
  ],
  [
    "長崎県",
    "42",
    850,
    859,
    [
      ["長崎市", "201"],
      ["佐世保市", "202"],
    ],
  ],
  [
    "熊本県",
    "43",
    860,
    869,
    [
      ["熊本市中央区", "101"],
      ["八代市", "202"],
    ],
  ],
  [
    "大分県",
    "44",
    870,
    879,
    [
      ["大分市", "201"],
      ["別府市", "202"],
    ],
  ],
  [
    "宮崎県",
    "45",
    880,
    889,
    [
      ["宮崎市", "201"],
      ["都城市", "202"],
    ],
  ],
  [
    "鹿児島県",
    "46",
    890,
    899,
    [
      ["鹿児島市", "201"],
      ["霧島市", "218"],
    ],
  ],
  [
    "沖縄県",
    "47",
    900,
    909,
    [
      ["那覇市", "201"],
      ["沖縄市", "211"],
    ],
  ],
];
// Roughly where the corporations are: Tokyo holds about a fifth of them.
const PREFECTURE_WEIGHTS = PREFECTURES.map(
  ([name]) => ({ 東京都: 20, 大阪府: 8, 神奈川県: 6, 愛知県: 6, 埼玉県: 4, 千葉県: 4, 福岡県: 4, 北海道: 4, 兵庫県: 4 })[name] ?? 1,
);

// [word, フリガナ]
type Word = [string, string];
const HEADS: Word[] = [
  ["日本", "ニホン"],
  ["東京", "トウキョウ"],
  ["大阪", "オオサカ"],
  ["名古屋", "ナゴヤ"],
  ["横浜", "ヨコハマ"],
  ["札幌", "サッポロ"],
  ["福岡", "フクオカ"],
  ["東洋", "トウヨウ"],
  ["太平洋", "タイヘイヨウ"],
  ["富士", "フジ"],
  ["中央", "チュウオウ"],
  ["東海", "トウカイ"],
  ["関東", "カントウ"],
  ["関西", "カンサイ"],
  ["北陸", "ホクリク"],
  ["九州", "キュウシュウ"],
  ["東北", "トウホク"],
  ["四国", "シコク"],
  ["山田", "ヤマダ"],
  ["佐藤", "サトウ"],
  ["鈴木", "スズキ"],
  ["高橋", "タカハシ"],
  ["田中", "タナカ"],
  ["伊藤", "イトウ"],
  ["渡辺", "ワタナベ"],
  ["中村", "ナカムラ"],
  ["小林", "コバヤシ"],
  ["加藤", "カトウ"],
  ["吉田", "ヨシダ"],
  ["山本", "ヤマモト"],
  ["松本", "マツモト"],
  ["井上", "イノウエ"],
  ["桜", "サクラ"],
  ["青葉", "アオバ"],
  ["光", "ヒカリ"],
  ["未来", "ミライ"],
  ["大和", "ヤマト"],
  ["三和", "サンワ"],
  ["第一", "ダイイチ"],
  ["国際", "コクサイ"],
  ["総合", "ソウゴウ"],
  ["新日本", "シンニホン"],
  ["丸", "マル"],
  ["旭", "アサヒ"],
  ["朝日", "アサヒ"],
  ["平和", "ヘイワ"],
  ["アオイ", "アオイ"],
  ["サンライズ", "サンライズ"],
  ["グリーン", "グリーン"],
  ["ブルー", "ブルー"],
  ["アルファ", "アルファ"],
  ["ミライ", "ミライ"],
  ["エース", "エース"],
  ["ユニオン", "ユニオン"],
  ["スター", "スター"],
  ["フロンティア", "フロンティア"],
  ["オリエント", "オリエント"],
  ["ＡＢＣ", "エービーシー"],
];
const MIDDLES: Word[] = [
  ["テクノ", "テクノ"],
  ["システム", "システム"],
  ["ネットワーク", "ネットワーク"],
  ["ソフト", "ソフト"],
  ["データ", "データ"],
  ["デジタル", "デジタル"],
  ["メディカル", "メディカル"],
  ["ライフ", "ライフ"],
  ["クリエイト", "クリエイト"],
  ["エンジニアリング", "エンジニアリング"],
  ["電機", "デンキ"],
  ["電子", "デンシ"],
  ["精密", "セイミツ"],
  ["化学", "カガク"],
  ["食品", "ショクヒン"],
  ["住宅", "ジュウタク"],
  ["情報", "ジョウホウ"],
  ["通信", "ツウシン"],
  ["機械", "キカイ"],
  ["金属", "キンゾク"],
  ["環境", "カンキョウ"],
  ["エナジー", "エナジー"],
  ["ロジスティクス", "ロジスティクス"],
  ["フーズ", "フーズ"],
];
const TAILS: Word[] = [
  ["工業", "コウギョウ"],
  ["商事", "ショウジ"],
  ["産業", "サンギョウ"],
  ["物産", "ブッサン"],
  ["建設", "ケンセツ"],
  ["興業", "コウギョウ"],
  ["製作所", "セイサクショ"],
  ["商会", "ショウカイ"],
  ["開発", "カイハツ"],
  ["運輸", "ウンユ"],
  ["不動産", "フドウサン"],
  ["印刷", "インサツ"],
  ["サービス", "サービス"],
  ["ソリューションズ", "ソリューションズ"],
  ["テクノロジーズ", "テクノロジーズ"],
  ["ホールディングス", "ホールディングス"],
  ["インターナショナル", "インターナショナル"],
  ["グループ", "グループ"],
  ["ラボ", "ラボ"],
  ["プランニング", "プランニング"],
  ["精機", "セイキ"],
  ["電設", "デンセツ"],
];
// [legal form, 法人種別, before the name?, weight]
const FORMS: [string, string, boolean, number][] = [
  ["株式会社", "301", true, 40],
  ["株式会社", "301", false, 40],
  ["合同会社", "305", true, 8],
  ["有限会社", "302", true, 7],
  ["一般社団法人", "399", true, 2],
  ["合資会社", "304", false, 1],
  ["合名会社", "303", false, 1],
  ["特定非営利活動法人", "399", true, 1],
];
const TOWNS = ["本町", "栄町", "中央", "駅前", "緑町", "旭町", "幸町", "大手町", "錦町", "末広町", "元町", "東町", "西町", "南町", "北町"];
const CLOSE_CAUSES = ["01", "01", "01", "11", "11", "21", "31"];

/** mulberry32: small, fast and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FULL_WIDTH_DIGITS = "０１２３４５６７８９";
const FULL_WIDTH = Array.from({ length: 31 }, (_, n) => String(n).replace(/\d/g, (d) => FULL_WIDTH_DIGITS[Number(d)]!));
const fullWidth = (n: number) => FULL_WIDTH[n]!;
const pad = (n: number, width: number) => String(n).padStart(width, "0");
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 9, 5); // 2015-10-05: the first 法人番号 were assigned
const LAST_DAY = Date.UTC(2025, 2, 31);
const isoDays = new Map<number, string>();
const isoDay = (ms: number) => {
  let day = isoDays.get(ms);
  if (day === undefined) isoDays.set(ms, (day = new Date(ms).toISOString().slice(0, 10)));
  return day;
};

export type RegistryDataOptions = {
  rows: number;
  seed?: number;
  /** Share of rows that are older history rows (最新履歴=0, followed by their latest row). */
  historyShare?: number;
  closedShare?: number;
  /** Share of 検索対象除外 rows. */
  hiddenShare?: number;
  /** First base number of the generated 法人番号 (another range gives disjoint numbers). */
  numberBase?: number;
};

export type RegistryDataSummary = { rows: number; bytes: number; corporations: number };

/** The 法人番号 of the i-th corporation of a generated file (0-based), for difference files over it. */
export function generatedCorporateNumber(index: number, numberBase = 100_000_000_000): string {
  // A multiplier prime to 10 walks through 10^12 without repeating: unique numbers, not in file order.
  return corporateNumberFor((numberBase + index * 7_368_787) % 1_000_000_000_000);
}

/** Streams `rows` rows to `file` (never more than about a megabyte in memory), deterministic for a seed. */
export async function writeRegistryFile(file: string, options: RegistryDataOptions): Promise<RegistryDataSummary> {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const totalWeight = PREFECTURE_WEIGHTS.reduce((a, b) => a + b, 0);
  const formWeights = FORMS.map((f) => f[3]);
  const formWeight = formWeights.reduce((a, b) => a + b, 0);
  const weighted = <T>(items: readonly T[], weights: readonly number[], total: number) => {
    let at = next() * total;
    for (let i = 0; i < items.length; i++) {
      at -= weights[i]!;
      if (at < 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
  const historyShare = options.historyShare ?? 0.01;
  const closedShare = options.closedShare ?? 0.08;
  const hiddenShare = options.hiddenShare ?? 0.001;

  const companyName = () => {
    const parts: Word[] = [pick(HEADS)];
    if (next() < 0.55) parts.push(pick(MIDDLES));
    if (parts.length === 1 || next() < 0.8) parts.push(pick(TAILS));
    const [form, kind, before] = weighted(FORMS, formWeights, formWeight);
    const core = parts.map((p) => p[0]).join("");
    // The published フリガナ is the reading of the name without its legal form.
    return { name: before ? `${form}${core}` : `${core}${form}`, furigana: parts.map((p) => p[1]).join(""), kind };
  };

  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  let buffer = "";
  let bytes = 0;
  let written = 0;
  let corporations = 0;
  const write = async (line: string) => {
    buffer += `${line}\n`;
    written++;
    if (buffer.length >= 256 * 1024) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  };

  while (written < options.rows) {
    const corporateNumber = generatedCorporateNumber(corporations, options.numberBase);
    corporations++;
    const [prefecture, prefectureCode, postalFrom, postalTo, cities] = weighted(PREFECTURES, PREFECTURE_WEIGHTS, totalWeight);
    const [city, cityCode] = pick(cities);
    const postalCode = `${pad(postalFrom + Math.floor(next() * (postalTo - postalFrom + 1)), 3)}${pad(Math.floor(next() * 10000), 4)}`;
    const town = pick(TOWNS);
    const [chome, ban, go] = [9, 30, 20].map((most) => fullWidth(1 + Math.floor(next() * most)));
    const street = `${town}${chome}丁目${ban}番${go}号`;
    const assigned = next() < 0.85 ? FIRST_DAY : FIRST_DAY + Math.floor(next() * ((LAST_DAY - FIRST_DAY) / DAY)) * DAY;
    const updated = assigned + Math.floor(next() * ((LAST_DAY - assigned) / DAY + 1)) * DAY;
    const { name, furigana, kind } = companyName();
    const base: RegistryRowInput = {
      sequence: 0,
      corporateNumber,
      name,
      furigana,
      kind,
      prefecture,
      prefectureCode,
      city,
      cityCode,
      street,
      postalCode,
      assignmentDate: isoDay(assigned),
    };

    if (next() < historyShare && written + 1 < options.rows) {
      const older = companyName();
      await write(
        registryCsvLine({
          ...base,
          sequence: written + 1,
          name: older.name,
          furigana: older.furigana,
          updateDate: isoDay(assigned),
          changeDate: isoDay(assigned),
          latest: "0",
        }),
      );
      base.process = "11";
    }
    base.sequence = written + 1;
    base.updateDate = isoDay(updated);
    base.changeDate = isoDay(updated);
    if (next() < closedShare) {
      const cause = pick(CLOSE_CAUSES);
      base.process = cause === "11" ? "71" : "21";
      base.closeDate = isoDay(updated);
      base.closeCause = cause;
    }
    if (next() < hiddenShare) base.hidden = "1";
    await write(registryCsvLine(base));
  }
  if (buffer) {
    bytes += Buffer.byteLength(buffer);
    out.write(buffer);
  }
  out.end();
  await once(out, "finish");
  return { rows: written, bytes, corporations };
}
