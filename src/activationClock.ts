/**
 * When the main bundle began to load. extension.ts imports this first, so it is evaluated before
 * any other module of the bundle: the benchmark counts loading the code as part of activation.
 */
export const bundleLoadStarted = performance.now();
