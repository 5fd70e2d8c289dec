/** Whether an API URL would carry the secret key in clear over a network. */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function sendsKeysInClear(apiUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    return false; // not a URL at all: that error is reported on its own
  }
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return !(LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host));
}
