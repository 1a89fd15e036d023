"""AZR Desktop: train a small GPT-style language model on your own books."""

__version__ = "0.1.0"
