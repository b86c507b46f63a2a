"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

export function SignOutButton({ label, pendingLabel }: { label: string; pendingLabel: string }) {
  const [isSigningOut, setIsSigningOut] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      disabled={isSigningOut}
      onClick={() => {
        setIsSigningOut(true);
        void signOut({ callbackUrl: "/" });
      }}
    >
      {isSigningOut ? pendingLabel : label}
    </button>
  );
}
