// The token stream a similarity analysis compares: JavaScript as acorn's tokenizer reads it,
// TypeScript after esbuild strips its types (as grading does). Identifiers and literals are reduced
// to their kind, so renaming a variable or changing a constant hides nothing, and comments and
// whitespace never become tokens. A property name after "." is kept: it names the API being called
// (tf.layers.dense), which a copier cannot rename without breaking the code.
import { tokenizer, tokTypes, type Token } from "acorn";
import { transformSync } from "esbuild";
import { decodeSourceMap, originalPosition } from "./source-map";

export type SourceLanguage = "javascript" | "typescript";

/** Where a token starts and ends in the file the learner wrote: lines from 1, columns from 0. */
export interface TokenPosition {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SourceTokens {
  tokens: string[];
  positions: TokenPosition[];
  /** False when the source stopped parsing part-way; the tokens read before that point are kept. */
  isComplete: boolean;
}

function kindOf(code: string, token: Token, previous: Token | undefined): string {
  const type = token.type;
  if (type === tokTypes.name || type === tokTypes.privateId) {
    const isProperty = previous?.type === tokTypes.dot || previous?.type === tokTypes.questionDot;
    return isProperty ? `.${code.slice(token.start, token.end)}` : "ID";
  }
  if (type === tokTypes.num) return "NUM";
  if (type === tokTypes.string) return "STR";
  if (type === tokTypes.template || type === tokTypes.invalidTemplate) return "TPL";
  if (type === tokTypes.regexp) return "RE";
  // Keywords and punctuation: their label is what they are ("function", "=>", "(", "+/-").
  return type.label;
}

function readTokens(code: string): { tokens: Token[]; isComplete: boolean } {
  const tokens: Token[] = [];
  try {
    const stream = tokenizer(code, {
      ecmaVersion: "latest",
      sourceType: "module",
      locations: true,
      allowHashBang: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
    });
    for (const token of stream) tokens.push(token);
    return { tokens, isComplete: true };
  } catch {
    return { tokens, isComplete: false };
  }
}

function positionOf(token: Token): TokenPosition {
  return {
    startLine: token.loc?.start.line ?? 1,
    startColumn: token.loc?.start.column ?? 0,
    endLine: token.loc?.end.line ?? 1,
    endColumn: token.loc?.end.column ?? 0,
  };
}

function stripTypes(code: string): { code: string; map: string } | null {
  try {
    const result = transformSync(code, {
      loader: "ts",
      sourcemap: "external",
      sourcesContent: false,
      logLevel: "silent",
      // Keep the learner's own syntax: only the types go.
      target: "esnext",
      format: undefined,
    });
    return { code: result.code, map: result.map };
  } catch {
    return null;
  }
}

/** Tokenises one file; never throws (code that does not parse yields what it could read). */
export function tokenizeSource(code: string, language: SourceLanguage): SourceTokens {
  if (language === "typescript") {
    const stripped = stripTypes(code);
    // TypeScript esbuild cannot read is still mostly JavaScript to acorn's tokenizer.
    if (stripped) {
      const { tokens, isComplete } = readTokens(stripped.code);
      const map = decodeSourceMap(stripped.map);
      return {
        tokens: tokens.map((token, index) => kindOf(stripped.code, token, tokens[index - 1])),
        positions: tokens.map((token) => {
          const own = positionOf(token);
          const start = originalPosition(map, own.startLine, own.startColumn);
          // esbuild maps token starts; a token's end is its start plus its length on the same line.
          const length = own.endLine === own.startLine ? own.endColumn - own.startColumn : 0;
          return {
            startLine: start.line,
            startColumn: start.column,
            endLine: start.line,
            endColumn: start.column + length,
          };
        }),
        isComplete,
      };
    }
  }
  const { tokens, isComplete } = readTokens(code);
  return {
    tokens: tokens.map((token, index) => kindOf(code, token, tokens[index - 1])),
    positions: tokens.map(positionOf),
    isComplete,
  };
}
