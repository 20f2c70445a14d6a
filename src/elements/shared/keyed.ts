import { noChange, type ChildPart } from 'lit';
import { Directive, PartType, directive, type DirectiveParameters, type PartInfo } from 'lit/directive.js';
import {
  getCommittedValue,
  insertPart,
  removePart,
  setChildPartValue,
  setCommittedValue,
} from 'lit/directive-helpers.js';

/**
 * A keyed list that touches only what changed. Like Lit's `repeat`, each item keeps its DOM while
 * others are added or removed around it; unlike it, an item whose template returns the very value it
 * returned last time (a template result kept by the view while the item is unchanged) is skipped
 * outright, without comparing its bindings one by one. A quantity changed in a 1,000-line cart then
 * costs one line's update, not a thousand. An item that moved is rendered afresh in its new place.
 */
class KeyedDirective extends Directive {
  private keys: unknown[] = [];
  private values: unknown[] = [];
  private parts: ChildPart[] | null = null;

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.CHILD) throw new Error('keyed() is for child positions');
  }

  render<T>(items: readonly T[], _key: (item: T) => unknown, template: (item: T, index: number) => unknown): unknown {
    return items.map(template);
  }

  override update(container: ChildPart, [items, keyOf, template]: DirectiveParameters<this>): unknown {
    const keys = items.map(keyOf);
    const values = items.map(template);
    const committed = getCommittedValue(container);
    // The first time, Lit renders the list itself; its parts are read back the next time.
    if (!Array.isArray(committed)) {
      this.keys = keys;
      this.values = values;
      return values;
    }
    const oldParts = (this.parts ??= committed as ChildPart[]);
    const oldValues = this.values;
    const oldKeys = this.keys;
    if (keys.length === oldKeys.length && keys.every((key, i) => key === oldKeys[i])) {
      values.forEach((value, i) => value !== oldValues[i] && setChildPartValue(oldParts[i]!, value));
    } else {
      this.parts = this.reconcile(container, keys, values);
      setCommittedValue(container, this.parts);
    }
    this.keys = keys;
    this.values = values;
    return noChange;
  }

  /** Keeps the parts of the items still there in the same order, makes the others, removes the rest. */
  private reconcile(container: ChildPart, keys: unknown[], values: unknown[]): ChildPart[] {
    const oldParts = this.parts!;
    const oldIndex = new Map(this.keys.map((key, i) => [key, i]));
    const kept = new Set<number>();
    const parts = new Array<ChildPart>(keys.length);
    let next: ChildPart | undefined;
    let bound = oldParts.length;
    for (let i = keys.length - 1; i >= 0; i--) {
      const j = oldIndex.get(keys[i]);
      let part: ChildPart;
      if (j !== undefined && j < bound && !kept.has(j)) {
        part = oldParts[j]!;
        kept.add((bound = j));
        if (this.values[j] !== values[i]) setChildPartValue(part, values[i]);
      } else {
        part = insertPart(container, next);
        setChildPartValue(part, values[i]);
      }
      parts[i] = next = part;
    }
    oldParts.forEach((part, j) => kept.has(j) || removePart(part));
    return parts;
  }
}

/**
 * `keyed(items, key, template)`: the items' templates in order, keyed by `key(item)`; an item whose
 * template returns what it returned last time is left as it is.
 */
export const keyed = directive(KeyedDirective) as unknown as <T>(
  items: readonly T[],
  key: (item: T) => unknown,
  template: (item: T, index: number) => unknown,
) => unknown;
