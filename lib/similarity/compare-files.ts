// The comparison itself: k-gram winnowing with Dolos's parser-free core (@dodona/dolos-core) over the
// tokens of tokenize-source.ts. Winnowing keeps, from every window of W consecutive k-gram hashes,
// the smallest, so two files sharing a run of at least K + W - 1 tokens share a fingerprint wherever
// that run sits: reordered functions still match. What is excluded (starter code, the brief's
// code, boilerplate most files share) is ignored before any pair is scored.
import { FingerprintIndex, File, Region, TokenizedFile, type FileEntry, type Pair } from "@dodona/dolos-core";
import type { LineRange, MatchedFragment } from "./fragments";
import { tokenizeSource, type SourceLanguage, type TokenPosition } from "./tokenize-source";

/** Tokens in a k-gram: about two statements; shorter runs are too common to mean anything. */
export const KGRAM_LENGTH = 17;
/** K-grams in a winnowing window: any shared run of KGRAM_LENGTH + KGRAM_WINDOW - 1 = 24 tokens is seen. */
export const KGRAM_WINDOW = 8;
/**
 * A fingerprint found in more than this fraction of the compared files is boilerplate (the lab's
 * shape, the API every solution calls) and is ignored; only applied from BOILERPLATE_MIN_FILES files
 * up, since among a handful of files "most of them" may be one copy shared by two learners.
 */
export const BOILERPLATE_FRACTION = 0.5;
export const BOILERPLATE_MIN_FILES = 10;
/** Pairs scoring below this are not stored: they would only fill the list with noise. */
export const MIN_STORED_SCORE = 0.15;
/** At most this many pairs are stored per analysis, the highest first. */
export const MAX_STORED_PAIRS = 2_000;

export interface SourceFile {
  /** The caller's key for the file (a submission id, an archive path). */
  key: string;
  code: string;
  language: SourceLanguage;
}

export interface ComparedPair {
  leftKey: string;
  rightKey: string;
  /** 2 × shared / (left's + right's) counted over k-grams that are not ignored; 0..1. */
  score: number;
  /** The longest run of shared k-grams, in k-grams. */
  longestFragment: number;
  fragments: MatchedFragment[];
}

export interface CompareOptions {
  files: SourceFile[];
  /** Code whose fingerprints never count: starter code, the brief's code. */
  ignored?: SourceFile[];
  /** Called with 0..1 as the work goes on. */
  onProgress?: (fraction: number) => void;
  minStoredScore?: number;
  maxStoredPairs?: number;
}

function regionOf(position: TokenPosition): Region {
  return new Region(position.startLine, position.startColumn, position.endLine, position.endColumn);
}

function tokenized(source: SourceFile): TokenizedFile {
  const { tokens, positions } = tokenizeSource(source.code, source.language);
  // Dolos asserts that a k-gram's first token starts before its last; a type-stripped token mapped
  // back to a slightly earlier column must not break that, so positions only ever move forward.
  let last: TokenPosition = { startLine: 1, startColumn: 0, endLine: 1, endColumn: 0 };
  const mapping = positions.map((position) => {
    const isBehind =
      position.startLine < last.startLine ||
      (position.startLine === last.startLine && position.startColumn < last.startColumn);
    const kept = isBehind ? { ...last } : position;
    last = kept;
    return regionOf(kept);
  });
  return new TokenizedFile(new File(source.key, source.code), tokens, mapping);
}

function rangeOf(region: Region): LineRange {
  return {
    startLine: region.startRow,
    startColumn: region.startCol,
    endLine: region.endRow,
    endColumn: region.endCol,
  };
}

/** K-grams of `entry` whose fingerprint counts (is not ignored). */
function countedKgrams(entry: FileEntry): number {
  let count = 0;
  for (const shared of entry.shared) count += shared.occurrencesOf(entry.file).length;
  return count;
}

function scoreOf(pair: Pair, counted: Map<number, number>): number {
  const total = (counted.get(pair.leftFile.id) ?? 0) + (counted.get(pair.rightFile.id) ?? 0);
  return total === 0 ? 0 : Math.min(1, (pair.leftCovered + pair.rightCovered) / total);
}

/** Every pair of `files` sharing fingerprints, highest score first, with their matching fragments. */
export function compareFiles({
  files,
  ignored = [],
  onProgress,
  minStoredScore = MIN_STORED_SCORE,
  maxStoredPairs = MAX_STORED_PAIRS,
}: CompareOptions): ComparedPair[] {
  const maxFileCount =
    files.length >= BOILERPLATE_MIN_FILES ? Math.floor(files.length * BOILERPLATE_FRACTION) : undefined;
  const index = new FingerprintIndex(KGRAM_LENGTH, KGRAM_WINDOW, false, maxFileCount);
  for (const source of ignored) index.addIgnoredFile(tokenized(source));
  const tokenizedFiles: TokenizedFile[] = [];
  files.forEach((source, position) => {
    tokenizedFiles.push(tokenized(source));
    if (position % 25 === 0) onProgress?.((0.4 * position) / Math.max(1, files.length));
  });
  index.addFiles(tokenizedFiles);
  onProgress?.(0.4);

  const keyOf = new Map(tokenizedFiles.map((file, position) => [file.id, files[position]?.key ?? file.path]));
  const entries = new Map(index.entries().map((entry) => [entry.file.id, entry]));
  const counted = new Map([...entries.values()].map((entry) => [entry.file.id, countedKgrams(entry)]));

  // Only files that share a counted fingerprint can score above 0: the candidates come from the index,
  // so unrelated files cost nothing (not every one of the n² pairs is built).
  const candidates = new Map<string, [TokenizedFile, TokenizedFile]>();
  for (const shared of index.sharedFingerprints()) {
    if (shared.ignored) continue;
    const holders = shared.files().filter((file) => entries.has(file.id));
    for (let i = 0; i < holders.length; i += 1) {
      for (let j = i + 1; j < holders.length; j += 1) {
        const a = holders[i];
        const b = holders[j];
        if (!a || !b) continue;
        const [left, right] = a.id < b.id ? [a, b] : [b, a];
        candidates.set(`${left.id}:${right.id}`, [left, right]);
      }
    }
  }
  onProgress?.(0.5);

  const scored: { pair: Pair; score: number }[] = [];
  let done = 0;
  for (const [left, right] of candidates.values()) {
    const pair = index.getPair(left, right);
    const score = scoreOf(pair, counted);
    if (score >= minStoredScore) scored.push({ pair, score });
    done += 1;
    if (done % 500 === 0) onProgress?.(0.5 + (0.4 * done) / candidates.size);
  }
  scored.sort((a, b) => b.score - a.score || b.pair.longest - a.pair.longest);
  const kept = scored.slice(0, maxStoredPairs);
  onProgress?.(0.9);

  return kept.map(({ pair, score }) => ({
    leftKey: keyOf.get(pair.leftFile.id) ?? pair.leftFile.path,
    rightKey: keyOf.get(pair.rightFile.id) ?? pair.rightFile.path,
    score,
    longestFragment: pair.longest,
    fragments: pair
      .buildFragments()
      .map((fragment) => ({
        left: rangeOf(fragment.leftSelection),
        right: rangeOf(fragment.rightSelection),
        kgrams: fragment.pairs.length,
      }))
      .sort((a, b) => a.left.startLine - b.left.startLine || a.left.startColumn - b.left.startColumn),
  }));
}
