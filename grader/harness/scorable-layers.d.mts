// Types for scorable-layers.mjs, which stays plain JavaScript because it also runs in the sandbox.
export const SCORABLE_LAYER_CLASS_NAMES: ReadonlySet<string>;
export function layerClassNames(node: unknown, found?: Set<string>): Set<string>;
export function unscorableLayerClasses(modelTopology: unknown): string[];
