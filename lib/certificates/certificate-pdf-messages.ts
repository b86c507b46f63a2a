// The words printed around the credential's own text (holder, course) on the PDF certificate, in
// the reader's language.
import type { Locale } from "../courses/content-schema";

export interface CertificatePdfMessages {
  documentTitle: (course: string) => string;
  heading: string;
  certifies: string;
  completed: string;
  score: (score: string, passMark: number, issuedOn: string) => string;
  evidence: (labs: number) => string;
  verifyHeading: string;
  signedAs: string;
}

const en: CertificatePdfMessages = {
  documentTitle: (course) => `${course}: certificate`,
  heading: "Certificate of completion",
  certifies: "This certifies that",
  completed: "has completed the course",
  score: (score, passMark, issuedOn) => `Final score ${score}% (pass mark ${passMark}%) · issued ${issuedOn}`,
  evidence: (labs) => `${labs} graded lab${labs === 1 ? "" : "s"} on record, each with its code and data fingerprints.`,
  verifyHeading: "Verify this certificate:",
  signedAs: "Signed as an Open Badges 3.0 credential; the page checks the signature and revocation.",
};

const zhCN: CertificatePdfMessages = {
  documentTitle: (course) => `${course}：证书`,
  heading: "结业证书",
  certifies: "兹证明",
  completed: "已完成课程",
  score: (score, passMark, issuedOn) => `总成绩 ${score}%（及格线 ${passMark}%）· 颁发日期 ${issuedOn}`,
  evidence: (labs) => `已存档 ${labs} 个评分实验，每个都附有代码与数据的指纹。`,
  verifyHeading: "验证本证书：",
  signedAs: "本证书以 Open Badges 3.0 凭证签发；验证页面会检查签名与撤销状态。",
};

export function certificatePdfMessages(locale: Locale): CertificatePdfMessages {
  return locale === "zh-CN" ? zhCN : en;
}
