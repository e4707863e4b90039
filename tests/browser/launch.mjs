// How the browser tests start Debian's chromium (/usr/bin/chromium, or $CHROMIUM): headless,
// no sandbox (tests run as root in CI), and no background network traffic.
export const LAUNCH = {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
