import { Link } from "@/lib/i18n/navigation";

export default function NotFound() {
  return (
    <>
      <h1>404 · Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the home page</Link>.
      </p>
    </>
  );
}
