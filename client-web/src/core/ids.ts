// Op ids for commands and refs for requests. crypto.getRandomValues exists on every origin;
// crypto.randomUUID does not on plain-http LAN addresses (a venue's laptop server), so it is
// not used.

/** A random id: `prefix` then 128 random bits in hex (visible ASCII, well under 128 chars). */
export function randomId(prefix = ''): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return prefix + hex;
}

/** A new command op id. */
export function newOp(): string {
  return randomId('op-');
}

/** A new request ref. */
export function newRef(): string {
  return randomId('r-');
}
