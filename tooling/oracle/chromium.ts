// Debian's chromium (apt-get install chromium), driven by playwright-core: nothing downloads a
// browser. The flags keep a headless run off this machine's closed network (background
// networking, component updates, sync) and working as root (no sandbox). Shared by the browser
// suites (tooling/browser, packages/parallel, apps/playground).
import { type Browser, chromium } from "playwright-core";

/** The browser binary: ZFPJS_CHROMIUM, or Debian's /usr/bin/chromium. */
export const CHROMIUM = process.env.ZFPJS_CHROMIUM ?? "/usr/bin/chromium";

/** Launches headless Chromium with the suites' flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}
