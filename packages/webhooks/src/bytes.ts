const arrayBufferByteLength = /* @__PURE__ */ Object.getOwnPropertyDescriptor(
  ArrayBuffer.prototype,
  'byteLength',
)!.get!;

/** Whether `value` is a genuine ArrayBuffer from any realm: the `byteLength` getter throws on anything else. */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  if (value instanceof ArrayBuffer) return true;
  if (typeof value !== 'object' || value === null) return false;
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A `Uint8Array` of this realm over the same memory as `value`, when `value` is genuine bytes: any ArrayBuffer
 * view (`Uint8Array`, `Buffer`, `DataView`, …) or `ArrayBuffer`, from any realm (a `vm` context, Jest's
 * environment, an iframe), where `instanceof` fails. `ArrayBuffer.isView` reads an internal slot, which no
 * plain object can fake. `undefined` for anything else. Not a copy.
 */
export function asBytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer as ArrayBuffer, value.byteOffset, value.byteLength);
  return isArrayBuffer(value) ? new Uint8Array(value) : undefined;
}
