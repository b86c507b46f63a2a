import { notFound } from "next/navigation";

// Any address under a language that no page answers: the localized not-found page with a 404.
export default function UnknownPage(): never {
  notFound();
}
