// The JSON-LD document loader for issuing and verifying: contexts from the vendored files, and
// this installation's own documents (issuer, keys, status lists) from whatever the caller passes,
// which reads them from the database. Nothing is ever fetched over the network.
import type { DocumentLoader } from "jsonld";
import { publicUrl } from "../env";
import { GRADIENT_CONTEXT, GRADIENT_CONTEXT_PATH, VENDORED_CONTEXTS } from "./jsonld-contexts";

/** One of our own documents at `url`, or null when there is none. */
export type OwnDocumentResolver = (url: URL) => Promise<object | null>;

export interface DocumentLoaderOptions {
  /**
   * The origins whose documents are ours; the site's own by default. "any" for the in-process
   * verifier, whose keys come from the database whatever address a credential was issued under.
   */
  origins?: string[] | "any";
  resolveOwn?: OwnDocumentResolver;
}

export function createDocumentLoader({
  origins = [new URL(publicUrl).origin],
  resolveOwn,
}: DocumentLoaderOptions = {}): DocumentLoader {
  return async (url) => {
    const found = await lookUp(url, origins, resolveOwn);
    if (!found) throw new Error(`${url} is not a document Gradient knows; nothing is fetched from the network.`);
    return { contextUrl: null, documentUrl: url, document: found };
  };
}

async function lookUp(
  url: string,
  origins: string[] | "any",
  resolveOwn?: OwnDocumentResolver,
): Promise<object | null> {
  const vendored = VENDORED_CONTEXTS.get(url);
  if (vendored) return vendored;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (origins !== "any" && !origins.includes(parsed.origin)) return null;
  if (parsed.pathname === GRADIENT_CONTEXT_PATH) return GRADIENT_CONTEXT;
  return resolveOwn ? resolveOwn(parsed) : null;
}
