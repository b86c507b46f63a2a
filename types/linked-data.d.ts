// Type declarations for the Digital Bazaar linked-data libraries, which ship JavaScript only:
// just the calls Gradient makes, typed as their documentation describes them.

declare module "jsonld" {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface ProcessingOptions {
    documentLoader?: DocumentLoader;
    /** Throws instead of silently dropping anything the contexts do not define. */
    safe?: boolean;
    base?: string | null;
  }
  const jsonld: {
    expand(input: object, options?: ProcessingOptions): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}

declare module "@digitalbazaar/ed25519-multikey" {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): Signer;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
      "@context"?: string;
      id?: string;
      type: "Multikey";
      controller?: string;
      publicKeyMultibase: string;
    }>;
  }
  export function fromJwk(options: {
    jwk: { kty: "OKP"; crv: "Ed25519"; x: string; d?: string };
    secretKey?: boolean;
    id?: string;
    controller?: string;
  }): Promise<Ed25519KeyPair>;
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export interface Cryptosuite {
    name: string;
  }
  export const cryptosuite: Cryptosuite;
}

declare module "@digitalbazaar/data-integrity" {
  import type { Cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
  import type { Signer } from "@digitalbazaar/ed25519-multikey";
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: Cryptosuite; signer?: Signer; date?: Date | string });
  }
}

declare module "@digitalbazaar/vc" {
  import type { DataIntegrityProof } from "@digitalbazaar/data-integrity";
  import type { DocumentLoader } from "jsonld";
  export interface VerificationResult {
    verified: boolean;
    error?: unknown;
  }
  export function issue(options: {
    credential: object;
    suite: DataIntegrityProof;
    documentLoader: DocumentLoader;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: object;
    suite: DataIntegrityProof;
    documentLoader: DocumentLoader;
    checkStatus?: (options: { credential: object }) => Promise<{ verified: boolean }>;
    now?: Date;
  }): Promise<VerificationResult>;
}
