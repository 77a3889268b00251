"""Text handling without TensorFlow: tokenizer, vocabulary, document readers."""
