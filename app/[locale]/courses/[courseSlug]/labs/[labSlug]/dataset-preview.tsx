"use client";

import { useEffect, useRef } from "react";
import type { DatasetPreview } from "@/lib/assignments/dataset-preview";
import type { Locale } from "@/lib/courses/content-schema";
import { labLayoutMessagesFor } from "@/lib/i18n/lab-layout-messages";
import { DataTable } from "@/app/_components/data-table";

/** One grey image drawn pixel for pixel, scaled up by CSS. */
function ImageCanvas({
  pixels,
  width,
  height,
  label,
  name,
}: {
  pixels: string;
  width: number;
  height: number;
  label: string;
  name: string;
}) {
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
      <canvas ref={canvas} width={width} height={height} role="img" aria-label={name} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export function DatasetPreviewView({ preview, locale }: { preview: DatasetPreview; locale: Locale }) {
  const t = labLayoutMessagesFor(locale);
  if (preview.kind === "images") {
    return (
      <div className="preview-images">
        {preview.examples.map((example, i) => (
          <ImageCanvas
            key={i}
            pixels={example.pixels}
            width={preview.width}
            height={preview.height}
            label={example.label}
            name={t.imageLabel(example.label)}
          />
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
  // Rows are keyed by their place: a preview is shown once and never reordered.
  const rows = preview.rows.map((values, index) => ({ index, values }));
  return (
    <DataTable
      caption={t.previewCaption}
      rows={rows}
      rowKey={(row) => row.index}
      columns={preview.columns.map((column, j) => ({
        key: column,
        header: column,
        cell: (row: (typeof rows)[number]) => row.values[j],
      }))}
    />
  );
}
