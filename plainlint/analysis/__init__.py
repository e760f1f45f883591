"""Analysis: sentences, words, syllables and counts computed from a Document."""
