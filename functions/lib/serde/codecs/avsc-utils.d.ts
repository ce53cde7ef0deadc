// avsc ships no types for its internal utils module: the guard patches Tap's prototype, and the
// codec reads through one reused Tap.
declare module 'avsc/lib/utils.js' {
  interface AvscTap {
    buf: Buffer;
    pos: number;
  }
  const utils: {
    Tap: { new (buf: Buffer, pos?: number): AvscTap; prototype: Record<string, unknown> };
  };
  export default utils;
}
