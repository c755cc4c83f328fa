"""English NLU for Charley: lexicon, spaCy pipeline, number normalisers, extractor, Rasa component."""
