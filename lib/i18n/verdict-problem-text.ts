// The verifier's problems in the reader's language. The verifier (lib/certificates/verify-credential.ts
// and the checks it calls) words its findings in English, because `npm run verify` and the
// credential API speak English; the verify page shows them in Simplified Chinese through this table.
// A finding not in the table is shown as a general sentence rather than in English.
import type { Locale } from "../courses/content-schema";

/** A status list's purpose, as the sentence around it names it. */
const PURPOSES: Record<string, string> = { revocation: "撤销", suspension: "暂停" };
const purpose = (name: string | undefined) => PURPOSES[name ?? ""] ?? name ?? "";

const ZH_CN: [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^This is not a signed credential: expected/,
    () => "这不是已签名的凭证：应为 .jwt 文件、其 JSON 封装，或带有嵌入式证明的凭证。",
  ],
  [/^This is not a signed credential \(not a compact JWS\)\.$/, () => "这不是已签名的凭证（不是紧凑格式的 JWS）。"],
  [/^Unexpected signature algorithm (.*)\.$/, (m) => `意外的签名算法 ${m[1] ?? ""}。`],
  [/^The signed data is not marked as a verifiable credential/, () => "签名数据未标记为可验证凭证。"],
  [/^The Open Badges token carries header parameters/, () => "该 Open Badges 令牌带有其规范禁止的头部参数。"],
  [/^The signature names no key\.$/, () => "签名未指明密钥。"],
  [/^The signature names its key in a way this issuer never does\.$/, () => "签名指明密钥的方式与本颁发方不符。"],
  [/^It was signed with a key the issuer never published\.$/, () => "它由颁发方从未公布过的密钥签名。"],
  [/^The signature does not match the content/, () => "签名与内容不符：内容已被篡改或伪造。"],
  [/^It carries no eddsa-rdfc-2022 proof\.$/, () => "它没有 eddsa-rdfc-2022 证明。"],
  [/^The proof could not be checked/, () => "无法检查该证明。"],
  [/^The signed content is not an Open Badges 3\.0 certificate\.$/, () => "签名内容不是 Open Badges 3.0 证书。"],
  [/^It names (\S+) as issuer, not (\S+)\.$/, (m) => `它声称颁发方为 ${m[1] ?? ""}，而不是 ${m[2] ?? ""}。`],
  [/^Its signing key is named at (\S+), not (\S+)\.$/, (m) => `它的签名密钥位于 ${m[1] ?? ""}，而不是 ${m[2] ?? ""}。`],
  [/^The Open Badges token/, () => "该 Open Badges 令牌的声明与凭证不符。"],
  [/^It claims to be issued in the future\.$/, () => "它声称的颁发时间在未来。"],
  [/^It has expired\.$/, () => "它已过期。"],
  [/^The issuer has revoked this certificate\.$/, () => "颁发方已撤销此证书。"],
  [/^The issuer has suspended this certificate for now\.$/, () => "颁发方已暂时暂停此证书。"],
  [/^The stored credential belongs to a different certificate\.$/, () => "存储的凭证属于另一份证书。"],
  [/^The (\w+) list is not hosted by the issuer\.$/, (m) => `${purpose(m[1])}列表不是由颁发方托管的。`],
  [/^The (\w+) list could not be fetched/, (m) => `无法获取${purpose(m[1])}列表。`],
  [/^The (\w+) list is not signed\.$/, (m) => `${purpose(m[1])}列表没有签名。`],
  [/^The (\w+) list is not genuine/, (m) => `${purpose(m[1])}列表不是真实的。`],
  [/^The (\w+) list names a signing key outside the issuer\.$/, (m) => `${purpose(m[1])}列表的签名密钥不属于颁发方。`],
  [/^The (\w+) list is malformed\.$/, (m) => `${purpose(m[1])}列表格式有误。`],
  [/^The (\w+) list served is not the one/, (m) => `返回的${purpose(m[1])}列表不是证书所指向的那一份。`],
  [/^The (\w+) list has expired\.$/, (m) => `${purpose(m[1])}列表已过期。`],
  [/^The (\w+) list is shorter than/, (m) => `${purpose(m[1])}列表的条目太少，不足以保护持有人的匿名性。`],
  [/^The (\w+) list cannot be decoded\.$/, (m) => `${purpose(m[1])}列表无法解码。`],
  [/^That is too long to be a certificate\.$/, () => "内容太长，不可能是证书。"],
  [/^That file is too large to be a certificate\.$/, () => "文件太大，不可能是证书。"],
  [/^Paste a credential or choose a file\.$/, () => "请粘贴凭证或选择文件。"],
];

const ZH_CN_OTHER = "此凭证未通过其中一项检查。";

/** One of the verifier's findings, in `locale`. */
export function verdictProblemText(problem: string, locale: Locale): string {
  if (locale === "en") return problem;
  for (const [pattern, word] of ZH_CN) {
    const match = pattern.exec(problem);
    if (match) return word(match);
  }
  return ZH_CN_OTHER;
}
