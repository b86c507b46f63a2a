// Link, useRouter and usePathname that keep the reader in their language: an href is written without
// the locale ("/dashboard") and comes out with it ("/zh-CN/dashboard").
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

export const { Link, useRouter, usePathname, getPathname } = createNavigation(routing);
