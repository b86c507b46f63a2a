import type { Metadata } from "next";
import { VerifyForm } from "./verify-form";

export const metadata: Metadata = { title: "Verify a certificate" };

export default function VerifyPage() {
  return (
    <>
      <h1>Verify a certificate</h1>
      <p className="muted">
        Paste a Gradient certificate or upload its file. We check its signature against our published keys and its
        status against our signed revocation list; nothing you paste is stored.
      </p>
      <VerifyForm />
    </>
  );
}
