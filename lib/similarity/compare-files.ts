// The comparison itself: k-gram winnowing with Dolos's parser-free core (@dodona/dolos-core) over the
// tokens of tokenize-source.ts. Winnowing keeps, from every window of W consecutive k-gram hashes,
// the smallest, so two files sharing a run of at least K + W - 1 tokens share a fingerprint wherever
// that run sits: reordered functions still match. What is excluded (starter code, the brief's
// code, boilerplate most files share) is ignored before any pair is scored.
import { FingerprintIndex, File, Region, TokenizedFile, type FileEntry } from "@dodona/dolos-core";
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
  const index = new FingerprintIndex(KGRAM_LENGTH, KGRAM_WINDOW, false);
  for (const source of ignored) index.addIgnoredFile(tokenized(source));
  const tokenizedFiles: TokenizedFile[] = [];
  files.forEach((source, position) => {
    tokenizedFiles.push(tokenized(source));
    if (position % 25 === 0) onProgress?.((0.4 * position) / Math.max(1, files.length));
  });
  index.addFiles(tokenizedFiles);
  // Boilerplate is found once all files are in, counting compared files only (not the excluded code),
  // and ignored by hash. Dolos's own cut-off is not used: given to the constructor it re-walks every
  // holder of a common fingerprint at each file that adds to it (seconds for a class of 500), and
  // updateMaxFingerprintFileCount fails on a fingerprint the excluded code also holds.
  if (maxFileCount !== undefined) {
    const compared = new Set(tokenizedFiles.map((file) => file.id));
    index.addIgnoredHashes(
      index
        .sharedFingerprints()
        .filter((shared) => shared.files().filter((file) => compared.has(file.id)).length > maxFileCount)
        .map((shared) => shared.hash),
    );
  }
  onProgress?.(0.4);

  const keyOf = new Map(tokenizedFiles.map((file, position) => [file.id, files[position]?.key ?? file.path]));
  const entries = new Map(index.entries().map((entry) => [entry.file.id, entry]));
  const counted = new Map([...entries.values()].map((entry) => [entry.file.id, countedKgrams(entry)]));

  // Only files that share a counted fingerprint can score above 0, and a pair's score needs only how
  // many of each file's k-grams the pair shares: both are summed here from the index, fingerprint by
  // fingerprint, so unrelated files cost nothing and no pair object is built until it is kept.
  const position = new Map(tokenizedFiles.map((file, index) => [file.id, index]));
  const count = tokenizedFiles.length;
  const leftCovered = new Map<number, number>();
  const rightCovered = new Map<number, number>();
  const sharedFingerprints = index.sharedFingerprints();
  sharedFingerprints.forEach((shared, done) => {
    if (!shared.ignored) {
      const holders = shared
        .files()
        .flatMap((file) => {
          const at = position.get(file.id);
          return at === undefined ? [] : [{ at, occurrences: shared.occurrencesOf(file).length }];
        })
        .sort((a, b) => a.at - b.at);
      for (let i = 0; i < holders.length; i += 1) {
        const a = holders[i];
        if (!a) continue;
        for (let j = i + 1; j < holders.length; j += 1) {
          const b = holders[j];
          if (!b) continue;
          const key = a.at * count + b.at;
          leftCovered.set(key, (leftCovered.get(key) ?? 0) + a.occurrences);
          rightCovered.set(key, (rightCovered.get(key) ?? 0) + b.occurrences);
        }
      }
    }
    if (done % 2_000 === 0) onProgress?.(0.4 + (0.3 * done) / Math.max(1, sharedFingerprints.length));
  });
  onProgress?.(0.7);

  const ranked: { left: TokenizedFile; right: TokenizedFile; score: number }[] = [];
  for (const [key, covered] of leftCovered) {
    const left = tokenizedFiles[Math.floor(key / count)];
    const right = tokenizedFiles[key % count];
    if (!left || !right) continue;
    const total = (counted.get(left.id) ?? 0) + (counted.get(right.id) ?? 0);
    const score = total === 0 ? 0 : Math.min(1, (covered + (rightCovered.get(key) ?? 0)) / total);
    if (score >= minStoredScore) ranked.push({ left, right, score });
  }
  ranked.sort((a, b) => b.score - a.score);
  // Only the kept pairs are built whole (longest run, fragments): that is where Dolos spends its time.
  const scored = ranked.slice(0, maxStoredPairs).map(({ left, right, score }, done) => {
    if (done % 100 === 0) onProgress?.(0.7 + (0.2 * done) / Math.min(ranked.length, maxStoredPairs));
    return { pair: index.getPair(left, right), score };
  });
  scored.sort((a, b) => b.score - a.score || b.pair.longest - a.pair.longest);
  onProgress?.(0.9);

  return scored.map(({ pair, score }) => ({
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
