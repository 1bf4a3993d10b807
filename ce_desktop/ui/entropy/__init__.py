"""Tab 1, the entropy explorer: p, q, their entropies and divergences."""
