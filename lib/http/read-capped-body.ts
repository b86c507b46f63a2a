// Reads a request's or a response's body, stopping as soon as it passes a size cap, so an oversized
// or endless body (a client's upload, or an LMS platform's answer) is refused without being held in memory.

/** The body's bytes; `tooLarge` makes the error thrown once the declared or the read size passes `maxBytes`. */
export async function readCappedBody(
  message: { headers: Headers; body: ReadableStream<Uint8Array> | null },
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  const declared = Number(message.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await message.body?.cancel();
    throw tooLarge();
  }
  if (!message.body) return Buffer.alloc(0);
  const reader = message.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
