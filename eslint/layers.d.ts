// Types of the layer rule (layers.js) for the TypeScript that imports it (test/build/layers.test.ts).
import type { Rule } from 'eslint';

export declare const LAYERS: Readonly<
  Record<string, { readonly values: readonly string[]; readonly types: readonly string[] }>
>;
export declare function layerOf(file: string): string | null;
export declare const layersRule: Rule.RuleModule;
