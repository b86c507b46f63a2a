// The words of a submission's result: its training-curve chart and the links onward from its page,
// in both languages. Plain data, so the browser-side chart can read them as well as the server.
import type { Locale } from "../courses/content-schema";

const en = {
  chart: {
    loss: "Loss",
    metric: "Training metric",
    epoch: "Epoch",
    label: (epochs: number, from: string, to: string, hasMetric: boolean) =>
      `Training loss over ${epochs} epoch${epochs === 1 ? "" : "s"}, from ${from} to ${to}` +
      (hasMetric ? ", with the training metric on its own axis" : ""),
    metricOnlyLabel: (epochs: number) => `Training metric over ${epochs} epoch${epochs === 1 ? "" : "s"}`,
    axes: "Loss is read on the left axis, the training metric on the right one.",
    point: (epoch: number, values: string) => `Epoch ${epoch}: ${values}`,
    numbers: "The numbers",
    tableCaption: "Training curves by epoch",
    empty: "No training curves were recorded for this submission.",
  },
  next: {
    heading: "What next",
    submitAgain: "Submit again",
    nextLab: (title: string) => `Next lab: ${title}`,
    backToCourse: "Back to the course: this was its last lab",
  },
};

export type ResultsMessages = typeof en;

const zhCN: ResultsMessages = {
  chart: {
    loss: "损失",
    metric: "训练指标",
    epoch: "轮次",
    label: (epochs, from, to, hasMetric) =>
      `${epochs} 轮训练中的训练损失，从 ${from} 变为 ${to}` + (hasMetric ? "，训练指标画在单独的坐标轴上" : ""),
    metricOnlyLabel: (epochs) => `${epochs} 轮训练中的训练指标`,
    axes: "损失看左侧坐标轴，训练指标看右侧坐标轴。",
    point: (epoch, values) => `第 ${epoch} 轮：${values}`,
    numbers: "具体数值",
    tableCaption: "每轮的训练曲线",
    empty: "这次提交没有记录训练曲线。",
  },
  next: {
    heading: "下一步",
    submitAgain: "再次提交",
    nextLab: (title) => `下一个实验：${title}`,
    backToCourse: "返回课程：这是最后一个实验",
  },
};

const MESSAGES: Record<Locale, ResultsMessages> = { en, "zh-CN": zhCN };

export function resultsMessagesFor(locale: Locale): ResultsMessages {
  return MESSAGES[locale];
}
