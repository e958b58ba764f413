import { METHOD_NAMES } from '../../electron/contract';

/**
 * The browser-side `window.lectern` for the harness, generated from the contract's method list:
 * each method POSTs to /api/<service.method>; events arrive on one EventSource. The page's
 * cookie carries the one-time token, so the script holds no secret.
 */
export function harnessClientScript(): string {
  return `(() => {
  'use strict';
  const methods = ${JSON.stringify(METHOD_NAMES)};
  const call = async (name, input) => {
    const response = await fetch('/api/' + name, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : input),
    });
    if (response.status !== 200) throw new Error('The Lectern harness refused the request (HTTP ' + response.status + ').');
    return response.json();
  };
  const api = {};
  for (const name of methods) {
    const [service, method] = name.split('.');
    api[service] = api[service] || {};
    api[service][method] = (input) => call(name, input);
  }
  const listeners = new Set();
  let source;
  api.events = {
    on(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource('/api/events');
        source.onmessage = (message) => {
          const event = JSON.parse(message.data);
          for (const l of Array.from(listeners)) l(event);
        };
      }
      return () => { listeners.delete(listener); };
    },
  };
  for (const value of Object.values(api)) Object.freeze(value);
  Object.defineProperty(window, 'lectern', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
