"""The loss-surface tab's numbers: a logistic model's loss surfaces and the loss curves of
BCE, MSE and cross-entropy."""
