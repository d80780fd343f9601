// A second model with another similarity spread, for showing that the weights and the abstention boundary hold
// without retuning: the offline model's vectors cut to their first dimensions and normalised again.
import { loadEmbedder, OFFLINE_MODEL, type Embedder } from '../../embedding/embedder.ts';

export async function truncatedModel(modelsDir: string, dimension: number): Promise<Embedder> {
  const inner = await loadEmbedder({ model: OFFLINE_MODEL, cacheDir: modelsDir, fallback: false });
  return {
    id: `${OFFLINE_MODEL}@${dimension}`,
    dimension,
    async embed(texts) {
      return (await inner.embed(texts)).map((v) => {
        if (!v) return null;
        const cut = v.slice(0, dimension);
        const norm = Math.hypot(...cut);
        return norm > 0 ? cut.map((x) => x / norm) : null;
      });
    },
    close: () => inner.close(),
  };
}
