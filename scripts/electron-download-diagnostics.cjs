// Preloaded (node --require) into Electron's installer by scripts/electron-binary.mjs. When a
// download fails, the installer prints only "TypeError: fetch failed"; the cause underneath
// (getaddrinfo ENOTFOUND, ECONNREFUSED, a certificate, an HTTP 404 from a mirror) is what a person
// can act on, so each failed fetch is reported on stderr as one tagged JSON line.
'use strict';

const PREFIX = 'LECTERN_DOWNLOAD_ERROR ';
const realFetch = globalThis.fetch;

function report(url, message) {
  process.stderr.write(PREFIX + JSON.stringify({ url: String(url), message: message }) + '\n');
}

function describe(error) {
  const cause = error && error.cause;
  if (cause && cause.message) return cause.code && cause.message.indexOf(cause.code) < 0 ? cause.code + ': ' + cause.message : cause.message;
  return error && error.message ? error.message : String(error);
}

if (typeof realFetch === 'function') {
  globalThis.fetch = function fetchWithDiagnostics(input, init) {
    const url = input && typeof input === 'object' && 'url' in input ? input.url : input;
    return realFetch(input, init).then(
      function (response) {
        if (!response.ok) report(response.url || url, 'HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : ''));
        return response;
      },
      function (error) {
        report(url, describe(error));
        throw error;
      },
    );
  };
}
