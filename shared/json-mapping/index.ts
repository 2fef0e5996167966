export * from './json-path';
export * from './json-mapping';
export * from './json-presets';
