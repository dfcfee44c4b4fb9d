/** Test support for the domain and for the libraries and apps built on it: arbitraries and a manual clock. */
export * from './arbitraries';
export * from './manual-time';
export * from './organization-tree';
