import * as z from 'zod';

/**
 * Gradient-boosted regression trees at run time (the stacked second stage, tagger/stack.ts).
 * Each tree is stored in heap order (children of node n at 2n+1 and 2n+2): `f` the feature
 * index (-1 for a leaf), `t` the split (x[f] < t goes left), `v` the leaf value.
 */
export const treeSchema = z.object({
  f: z.array(z.number().int()),
  t: z.array(z.number()),
  v: z.array(z.number()),
});
export type Tree = z.infer<typeof treeSchema>;

export const boostedSchema = z.object({ base: z.number(), trees: z.array(treeSchema) });
/** One label's model: margin = base + Σ tree(x); probability = σ(margin). */
export type Boosted = z.infer<typeof boostedSchema>;

export function treeValue(tree: Tree, x: ArrayLike<number>): number {
  let node = 0;
  for (;;) {
    const feature = tree.f[node]!;
    if (feature < 0) return tree.v[node]!;
    node = x[feature]! < tree.t[node]! ? 2 * node + 1 : 2 * node + 2;
  }
}

export function boostedMargin(model: Boosted, x: ArrayLike<number>): number {
  let margin = model.base;
  for (const tree of model.trees) margin += treeValue(tree, x);
  return margin;
}

export function boostedProbability(model: Boosted, x: ArrayLike<number>): number {
  return 1 / (1 + Math.exp(-boostedMargin(model, x)));
}
