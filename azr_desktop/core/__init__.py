"""The headless engine: books, tokenizer, model, training, checkpoints. Never imports Qt."""
