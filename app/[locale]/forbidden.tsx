import { Link } from "@/lib/i18n/navigation";

export default function Forbidden() {
  return (
    <>
      <h1>403 · Not allowed</h1>
      <p>Your account does not have access to this page. If you think it should, ask an admin.</p>
      <p>
        <Link href="/dashboard">Back to your dashboard</Link>
      </p>
    </>
  );
}
