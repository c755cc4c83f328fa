"""The triage core: plain Python, no Rasa. Facts in, a cited triage result out."""
