// Just enough of the source map format (version 3, "mappings" in base64 VLQ) to carry a token of
// esbuild's type-stripped output back to its line and column in the learner's TypeScript.
import { z } from "zod";

const SourceMapSchema = z.object({ mappings: z.string() });

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((character, index) => [character, index]));

/** Per generated line (0-based), its segments as [generatedColumn, originalLine, originalColumn], sorted. */
export type DecodedMap = [number, number, number][][];

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const character of segment) {
    const digit = DIGIT.get(character);
    if (digit === undefined) return values;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

export function decodeSourceMap(json: string): DecodedMap {
  const { mappings } = SourceMapSchema.parse(JSON.parse(json));
  const lines: DecodedMap = [];
  let originalLine = 0;
  let originalColumn = 0;
  for (const line of mappings.split(";")) {
    let generatedColumn = 0;
    const segments: [number, number, number][] = [];
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const values = decodeVlq(segment);
      generatedColumn += values[0] ?? 0;
      if (values.length < 4) continue;
      originalLine += values[2] ?? 0;
      originalColumn += values[3] ?? 0;
      segments.push([generatedColumn, originalLine, originalColumn]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The original position of generated `line` (1-based) and `column` (0-based): the last segment at or
 * before it on that line, shifted by the distance from it; or, on a line without segments, the
 * nearest mapped line above.
 */
export function originalPosition(map: DecodedMap, line: number, column: number): { line: number; column: number } {
  for (let index = line - 1; index >= 0; index -= 1) {
    const segments = map[index] ?? [];
    let found: [number, number, number] | undefined;
    for (const segment of segments) {
      if (index === line - 1 && segment[0] > column) break;
      found = segment;
    }
    if (found) {
      const offset = index === line - 1 ? column - found[0] : 0;
      return { line: found[1] + 1, column: found[2] + offset };
    }
  }
  return { line, column };
}
