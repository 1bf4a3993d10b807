"""Tab 2, the loss surfaces: per-sample curves, logistic surfaces, the landscape."""
