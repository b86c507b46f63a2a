import type { LineRange } from "@/lib/similarity/fragments";

interface CodeWithFragmentsProps {
  code: string;
  /** This side's range of each fragment, numbered from 1 in the list's order. */
  ranges: LineRange[];
  /** "left" or "right": the prefix of this side's anchors; the other side's are linked from each label. */
  side: "left" | "right";
  otherSide: "left" | "right";
  label: string;
  fragmentMark: (index: number) => string;
  emptyCode: string;
}

export const fragmentAnchor = (side: "left" | "right", index: number) => `${side}-fragment-${index}`;

/**
 * One file with its matching fragments marked: each line inside a fragment is a <mark>, and each
 * fragment starts with its number in brackets, a link to the same fragment in the other file, so the
 * match reads without colour and can be followed from either side.
 */
export function CodeWithFragments({
  code,
  ranges,
  side,
  otherSide,
  label,
  fragmentMark,
  emptyCode,
}: CodeWithFragmentsProps) {
  if (code.trim() === "") return <p className="empty">{emptyCode}</p>;
  const lines = code.split("\n");
  const startsAt = new Map<number, number[]>();
  ranges.forEach((range, index) => {
    startsAt.set(range.startLine, [...(startsAt.get(range.startLine) ?? []), index + 1]);
  });
  const isMatched = (line: number) => ranges.some((range) => line >= range.startLine && line <= range.endLine);
  return (
    <pre
      // A named region, so keyboard users can scroll a long file and hear whose it is.
      role="region"
      tabIndex={0}
      aria-label={label}
      data-testid={`code-${side}`}
      style={{ overflowX: "auto", maxHeight: "70vh", fontSize: "0.85rem", lineHeight: 1.45 }}
    >
      <code>
        {lines.map((text, position) => {
          const line = position + 1;
          const starting = startsAt.get(line) ?? [];
          const number = (
            <span
              className="muted"
              aria-hidden="true"
              style={{ display: "inline-block", minWidth: "3ch", userSelect: "none" }}
            >
              {line}{" "}
            </span>
          );
          const labels = starting.map((index) => (
            <a
              key={index}
              id={fragmentAnchor(side, index)}
              href={`#${fragmentAnchor(otherSide, index)}`}
              aria-label={fragmentMark(index)}
              style={{ fontWeight: 700, marginRight: "0.25rem" }}
            >
              [{index}]
            </a>
          ));
          return (
            <span key={line} style={{ display: "block" }}>
              {number}
              {labels}
              {isMatched(line) ? <mark data-fragment-line="true">{text || " "}</mark> : text}
            </span>
          );
        })}
      </code>
    </pre>
  );
}
