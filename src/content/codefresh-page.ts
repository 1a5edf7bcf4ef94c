// Runs on Codefresh platform pages. It only reads the page and reports context to the worker;
// it never receives a token, a vault record or an API key. It uses the `chrome` namespace directly
// (available in Chromium and Firefox) to stay free of shared chunks that the build would otherwise
// have to expose to the page as web-accessible resources.
export {};
