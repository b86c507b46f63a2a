// The lab page's data preview, in both languages. Its heading differs from the brief's own "The
// data" section, which describes the data in words: two headings of the same name read as a repeat.
import type { Locale } from "../courses/content-schema";

const en = {
  previewHeading: "Examples from the training data",
  previewIntro: "The first examples of the training split, as the platform hands them to your code.",
  noPreview: "No preview of this lab's data has been made yet; the brief describes it.",
  previewCaption: "Examples from the training data",
  imageLabel: (label: string) => `A training image labelled ${label}`,
};

export type LabLayoutMessages = typeof en;

const zhCN: LabLayoutMessages = {
  previewHeading: "训练数据示例",
  previewIntro: "训练集中的前几个样本，与平台交给你的代码的形式相同。",
  noPreview: "本实验的数据还没有预览；请阅读下面的说明。",
  previewCaption: "训练数据示例",
  imageLabel: (label) => `标签为 ${label} 的训练图像`,
};

const MESSAGES: Record<Locale, LabLayoutMessages> = { en, "zh-CN": zhCN };

export function labLayoutMessagesFor(locale: Locale): LabLayoutMessages {
  return MESSAGES[locale];
}
