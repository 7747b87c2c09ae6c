/** Standard base64 of `bytes` (with padding), on any runtime. */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)));
}

/**
 * Decodes base64 or base64url, padded or not. Throws on a character outside the alphabet, misplaced or
 * excess padding, or an impossible length (`atob` implements WHATWG forgiving-base64, which checks all three).
 */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}
