// The tfjs wasm backend's binaries, for the lesson snippets' worker (lib/snippets/tfjs-wasm-files.ts).
import { otherMethods } from "@/lib/api/responses";
import { readTfjsWasmFile } from "@/lib/snippets/tfjs-wasm-files";

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const bytes = readTfjsWasmFile((await params).file);
  if (!bytes)
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(new Uint8Array(await bytes), {
    headers: {
      // WebAssembly.instantiateStreaming accepts only this type.
      "Content-Type": "application/wasm",
      "X-Content-Type-Options": "nosniff",
      // The files change only with the installed tfjs version, which a deploy brings.
      "Cache-Control": "public, max-age=86400",
    },
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
