import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as Plot from "@observablehq/plot";
import { integerTicks, renderPlot } from "./render-plot";

describe("renderPlot", () => {
  const svg = renderPlot(
    {
      x: { label: "尝试次数" },
      y: { label: "学员" },
      marks: [Plot.barY([{ name: `<script>alert(1)</script>`, n: 3 }], { x: "name", y: "n" })],
    },
    { labelledBy: "title-1", describedBy: "summary-1" },
  );

  it("draws one SVG image named and described by the page's own elements", () => {
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="title-1"/);
    assert.match(svg, /aria-describedby="summary-1"/);
    // Plot's English labels of its inner groups are gone.
    assert.equal(/aria-label=|aria-description=/.test(svg), false);
    assert.ok(svg.includes("学员"));
  });

  it("escapes the data it draws", () => {
    assert.equal(svg.includes("<script>"), false);
    assert.ok(svg.includes("&lt;script&gt;"));
  });
});

describe("integerTicks", () => {
  it("gives whole numbers only, about six at most", () => {
    assert.deepEqual(integerTicks(0), [0, 1]);
    assert.deepEqual(integerTicks(2), [0, 1, 2]);
    assert.deepEqual(integerTicks(13), [0, 3, 6, 9, 12]);
    assert.deepEqual(integerTicks(10_000), [0, 2000, 4000, 6000, 8000, 10_000]);
  });
});
