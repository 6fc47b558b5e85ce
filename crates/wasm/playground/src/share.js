// The editor content in the URL fragment: UTF-8, raw DEFLATE (fflate),
// base64url, under `#toml=`. Links stay short and need no server.
import { deflateSync, inflateSync, strToU8, strFromU8 } from 'fflate';

const KEY = 'toml=';

/** `text` as a fragment (without the `#`). */
export function encode(text) {
  const bytes = deflateSync(strToU8(text), { level: 9 });
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return KEY + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The text in a fragment (`#toml=…`), or null when there is none or it is damaged. */
export function decode(hash) {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!h.startsWith(KEY)) return null;
  try {
    const b64 = h.slice(KEY.length).replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return strFromU8(inflateSync(bytes));
  } catch {
    return null;
  }
}
