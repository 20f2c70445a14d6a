import type { Rule } from 'eslint';

export const LAYERS: Readonly<
  Record<string, { readonly values: readonly string[]; readonly types: readonly string[] }>
>;
export function layerOf(file: string): string | null;
export const layersRule: Rule.RuleModule;
