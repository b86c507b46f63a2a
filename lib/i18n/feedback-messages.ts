// The words of a graded result: the hints a result below the threshold gets (lib/submissions/
// feedback-hints.ts), a headline for each way a run can fail, and the live view's progress lines,
// in both languages. The grader's own message (which quotes the learner's error) follows the
// headline as it was written. Plain data, so the client-side live view can read it too.
import type { MetricSpec } from "../assignments/spec-schema";
import type { Locale } from "../courses/content-schema";

const en = {
  hintsHeading: "What the grader noticed",
  hints: {
    epochs: (used: number, allowed: number) => `Your model trained for ${used} of the ${allowed} epochs allowed.`,
    epochsEarly: "It stopped well before the budget with time to spare: training longer may lower the error further.",
    time: (used: string, allowed: number) => `The run took ${used} s in the sandbox; training may use ${allowed} s.`,
    timeOut:
      "Training used all of its time and was stopped by the clock: a smaller model, a larger batch size or fewer epochs will fit in the budget.",
    overfitting: (training: string, heldOut: string) =>
      `On its training data your model reached ${training}, but ${heldOut} on the held-out data it had never seen: ` +
      `it memorises rather than generalises (overfitting). Try dropout, a smaller model, fewer epochs or early stopping.`,
    lossFlat: (first: string, last: string) =>
      `The training loss hardly fell (from ${first} to ${last}): the model is not learning. ` +
      `The learning rate may be too small, or the model too simple for the data; try a larger learning rate (e.g. tf.train.adam(0.01)).`,
    lossRose: (first: string, last: string) =>
      `The training loss rose (from ${first} to ${last}): the learning rate is probably too large. Try one ten times smaller.`,
    lossNotFinite:
      "The training loss became NaN or infinite: training diverged. Use a smaller learning rate, or scale the inputs.",
  },
  failureHeadline: {
    below_threshold: "The model trained, but its score on the held-out data is below what this lab needs.",
    syntax_error: "Your code does not parse. No attempt was used.",
    unavailable_import: "Your code imports or requires something the grader does not provide. No attempt was used.",
    unavailable_require: "Your code required a module the grader does not provide: only TensorFlow.js can be required.",
    no_train_export: "Your module does not export a function named train. No attempt was used.",
    no_train_function: "Your module does not export a function named train.",
    import_failed: "Your module failed while it was loading.",
    exception: "Your code threw an error.",
    custom_loop_not_allowed: "This lab asks you to train with model.fit(); your code updated the weights another way.",
    over_budget: "Your code trained for more epochs than the budget allows.",
    no_model: "train() did not return a trained model.",
    invalid_model: "Your model could not be built.",
    too_many_parameters: "Your model has more parameters than the budget allows.",
    save_failed: "Your model could not be saved.",
    untraceable_model: "Your model's custom layers could not be recorded for scoring.",
    timeout: "Training did not finish within the time limit and was stopped.",
    out_of_memory: "Your code ran out of memory.",
    output_limit: "Your code printed too much output and was stopped.",
    crashed: "Your code stopped the training process early.",
    no_weights: "Your code ended the training process before the model was saved.",
    code_too_large: "Your code is larger than this lab accepts.",
    invalid_weights: "The uploaded model files could not be read.",
    missing_required_layer: "Your model lacks a layer this lab requires.",
    non_finite_predictions: "Your model predicted NaN or infinity: training probably diverged.",
    wrong_input_shape: "Your model's input shape does not match the data.",
    wrong_output_shape: "Your model's output shape does not match what this lab scores.",
    platform: "The grading platform failed, not your code: this does not use up an attempt.",
    other: "Your submission did not pass.",
  },
  details: "Details from the grader",
  page: {
    title: "Graded attempt",
    attempt: "Attempt",
    regrade: "Regrade of attempt",
    by: (name: string) => ` by ${name}`,
    version: (version: number) => `Graded against version ${version} of the lab.`,
    shareNote: "You can share this page with your instructor; other learners cannot open it.",
    code: (language: string, bytes: string) => `Code (${language}, ${bytes} bytes)`,
    receipt: "Grading receipt",
    receiptNote: "What produced this result, so anyone can check it again.",
    codeSha: "Code sha256",
    specSha: "Lab spec sha256",
    dataSha: "Training data sha256",
    heldOutSha: "Held-out data sha256",
    notGraded: "not graded yet",
    graderVersion: "Grader version",
    backend: "Backend",
    seed: "Seed",
    reproducible: "Reproducible",
    isReproducible: "yes: the same code and seed give the same score on this backend",
    notReproducible: "no: this backend's arithmetic can vary slightly between runs",
    trainingTime: "Training time",
    scoringTime: "Scoring time",
  },
  live: {
    region: "Grading status",
    metric: {
      accuracy: "Accuracy",
      "macro-f1": "Macro-F1",
      mse: "Mean squared error",
    } satisfies Record<MetricSpec["name"], string>,
    needed: (rule: string) => `(needed ${rule})`,
    platformNote: "This was our fault, not yours: it does not use up an attempt.",
    queueNext: "Next in the queue",
    queueNumber: (position: string) => `Number ${position} in the queue`,
    waiting: (seconds: number) => `, waiting for ${seconds} s`,
    queueStarts: ". Grading starts as soon as a grader is free.",
    progressLabel: "Training progress",
    epoch: (epoch: number, maxEpochs: number) => `Epoch ${epoch} of at most ${maxEpochs}`,
    elapsed: (seconds: number, allowed: number) => ` · ${seconds} s elapsed (training may use ${allowed} s)`,
    reconnecting: "Live updates interrupted; reconnecting…",
    curveHeading: "Training curve",
    noEpochs: "No epochs were reported.",
    curveSoon: "The curve appears after the first epoch.",
    outputHeading: "Output",
    printedNothing: "Your code printed nothing.",
    outputSoon: "What your code prints with console.log appears here.",
  },
};

export type FeedbackMessages = typeof en;

const zhCN: FeedbackMessages = {
  hintsHeading: "评分程序注意到的情况",
  hints: {
    epochs: (used, allowed) => `你的模型训练了 ${used} 轮（最多允许 ${allowed} 轮）。`,
    epochsEarly: "它远在预算用完之前就停止了，而且时间还有富余：多训练几轮可能会进一步降低误差。",
    time: (used, allowed) => `这次运行在沙箱中用了 ${used} 秒；训练最多可用 ${allowed} 秒。`,
    timeOut: "训练用完了全部时间，被计时器停止：换用更小的模型、更大的批大小或更少的轮数，才能在预算内完成。",
    overfitting: (training, heldOut) =>
      `你的模型在训练数据上达到 ${training}，但在从未见过的保留数据上只有 ${heldOut}：` +
      `它在记忆数据而不是泛化（过拟合）。可以尝试 dropout、更小的模型、更少的轮数或提前停止。`,
    lossFlat: (first, last) =>
      `训练损失几乎没有下降（从 ${first} 到 ${last}）：模型没有在学习。` +
      `可能是学习率太小，或模型对这些数据来说太简单；试试更大的学习率（例如 tf.train.adam(0.01)）。`,
    lossRose: (first, last) => `训练损失上升了（从 ${first} 到 ${last}）：学习率可能太大。试试小十倍的学习率。`,
    lossNotFinite: "训练损失变成了 NaN 或无穷大：训练发散了。请使用更小的学习率，或对输入做缩放。",
  },
  failureHeadline: {
    below_threshold: "模型训练完成，但它在保留数据上的得分未达到本实验的要求。",
    syntax_error: "你的代码无法解析。未计入提交次数。",
    unavailable_import: "你的代码导入或 require 了评分程序不提供的模块。未计入提交次数。",
    unavailable_require: "你的代码 require 了评分程序不提供的模块：只能 require TensorFlow.js。",
    no_train_export: "你的模块没有导出名为 train 的函数。未计入提交次数。",
    no_train_function: "你的模块没有导出名为 train 的函数。",
    import_failed: "你的模块在加载时出错。",
    exception: "你的代码抛出了错误。",
    custom_loop_not_allowed: "本实验要求用 model.fit() 训练；你的代码用其他方式更新了权重。",
    over_budget: "你的代码训练的轮数超过了预算。",
    no_model: "train() 没有返回训练好的模型。",
    invalid_model: "无法构建你的模型。",
    too_many_parameters: "你的模型参数数量超过了预算。",
    save_failed: "无法保存你的模型。",
    untraceable_model: "无法为评分记录你模型中的自定义层。",
    timeout: "训练没有在时间限制内完成，已被停止。",
    out_of_memory: "你的代码耗尽了内存。",
    output_limit: "你的代码输出内容过多，已被停止。",
    crashed: "你的代码提前终止了训练进程。",
    no_weights: "你的代码在模型保存之前就结束了训练进程。",
    code_too_large: "你的代码超过了本实验允许的大小。",
    invalid_weights: "无法读取上传的模型文件。",
    missing_required_layer: "你的模型缺少本实验要求的层。",
    non_finite_predictions: "你的模型预测出了 NaN 或无穷大：训练可能发散了。",
    wrong_input_shape: "你的模型的输入形状与数据不符。",
    wrong_output_shape: "你的模型的输出形状与本实验的评分要求不符。",
    platform: "出错的是评分平台，而不是你的代码：不计入提交次数。",
    other: "你的提交未通过。",
  },
  details: "评分程序给出的详细信息",
  page: {
    title: "评分结果",
    attempt: "提交",
    regrade: "重新评分：提交",
    by: (name) => `（${name}）`,
    version: (version) => `按本实验第 ${version} 版评分。`,
    shareNote: "你可以把这个页面分享给讲师；其他学员无法打开它。",
    code: (language, bytes) => `代码（${language}，${bytes} 字节）`,
    receipt: "评分凭据",
    receiptNote: "产生这一结果的全部依据，任何人都可以据此重新核对。",
    codeSha: "代码 sha256",
    specSha: "实验规格 sha256",
    dataSha: "训练数据 sha256",
    heldOutSha: "保留数据 sha256",
    notGraded: "尚未评分",
    graderVersion: "评分程序版本",
    backend: "后端",
    seed: "随机种子",
    reproducible: "可复现",
    isReproducible: "是：在这个后端上，同样的代码和种子得到同样的分数",
    notReproducible: "否：这个后端的运算在不同运行之间可能略有差异",
    trainingTime: "训练时间",
    scoringTime: "评分时间",
  },
  live: {
    region: "评分状态",
    metric: {
      accuracy: "准确率",
      "macro-f1": "宏平均 F1",
      mse: "均方误差",
    },
    needed: (rule) => `（要求 ${rule}）`,
    platformNote: "这是我们的问题，不是你的：不计入提交次数。",
    queueNext: "下一个就轮到你",
    queueNumber: (position) => `排在队列第 ${position} 位`,
    waiting: (seconds) => `，已等待 ${seconds} 秒`,
    queueStarts: "。评分程序一有空闲就开始评分。",
    progressLabel: "训练进度",
    epoch: (epoch, maxEpochs) => `第 ${epoch} 轮（最多 ${maxEpochs} 轮）`,
    elapsed: (seconds, allowed) => ` · 已用 ${seconds} 秒（训练最多可用 ${allowed} 秒）`,
    reconnecting: "实时更新中断，正在重新连接…",
    curveHeading: "训练曲线",
    noEpochs: "没有报告任何一轮训练。",
    curveSoon: "第一轮训练结束后会显示曲线。",
    outputHeading: "输出",
    printedNothing: "你的代码没有输出任何内容。",
    outputSoon: "你的代码用 console.log 输出的内容会显示在这里。",
  },
};

const MESSAGES: Record<Locale, FeedbackMessages> = { en, "zh-CN": zhCN };

export function feedbackMessagesFor(locale: Locale): FeedbackMessages {
  return MESSAGES[locale];
}

/** The headline of a failure in the reader's language; the platform's own failures share one. */
export function failureHeadline(
  locale: Locale,
  failure: { failureKind: string | null; failureCode: string | null },
): string {
  const headlines = MESSAGES[locale].failureHeadline;
  if (failure.failureKind === "PLATFORM") return headlines.platform;
  const code = failure.failureCode;
  return code !== null && Object.hasOwn(headlines, code) ? headlines[code as keyof typeof headlines] : headlines.other;
}
