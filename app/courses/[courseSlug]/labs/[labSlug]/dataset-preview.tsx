"use client";

import { useEffect, useRef } from "react";
import type { DatasetPreview } from "@/lib/assignments/dataset-preview";

/** One grey image drawn pixel for pixel, scaled up by CSS. */
function ImageCanvas({ pixels, width, height, label }: { pixels: string; width: number; height: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext("2d");
    if (!context) return;
    const grey = Uint8Array.from(atob(pixels), (char) => char.charCodeAt(0));
    const image = context.createImageData(width, height);
    grey.forEach((value, i) => image.data.set([value, value, value, 255], i * 4));
    context.putImageData(image, 0, 0);
  }, [pixels, width, height]);
  return (
    <figure className="preview-image">
      <canvas ref={canvas} width={width} height={height} role="img" aria-label={`A training image labelled ${label}`} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function DatasetPreviewView({ preview }: { preview: DatasetPreview }) {
  if (preview.kind === "images") {
    return (
      <div className="preview-images">
        {preview.examples.map((example, i) => (
          <ImageCanvas key={i} pixels={example.pixels} width={preview.width} height={preview.height} label={example.label} />
        ))}
      </div>
    );
  }
  if (preview.kind === "text") {
    return (
      <ul className="preview-text">
        {preview.examples.map((example, i) => (
          <li key={i}>
            <span className="badge">{example.label}</span> <span className="muted">{example.text}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            {preview.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              {row.map((value, j) => (
                <td key={j}>{value}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
