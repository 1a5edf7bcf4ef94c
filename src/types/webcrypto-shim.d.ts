// webcrypto-shim ships no types; it is imported only for its side effect.
declare module 'webcrypto-shim';
