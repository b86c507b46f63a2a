import Link from "next/link";
import "./globals.css";

// An address outside every language (one proxy.ts leaves alone, such as a missing file): a plain
// bilingual page, since there is no locale to choose from.
export default function NotFound() {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <h1>404 · Page not found</h1>
          <p>
            There is nothing at this address. <Link href="/">Go to the home page</Link>.
          </p>
          <p lang="zh-CN">
            此地址下没有内容。<Link href="/zh-CN">返回首页</Link>。
          </p>
        </main>
      </body>
    </html>
  );
}
