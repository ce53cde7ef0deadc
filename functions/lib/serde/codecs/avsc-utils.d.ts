// avsc ships no types for its internal utils module; the guard needs only Tap's prototype.
declare module 'avsc/lib/utils.js' {
  const utils: { Tap: { prototype: Record<string, unknown> } };
  export default utils;
}
