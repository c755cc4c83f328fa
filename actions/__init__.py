"""rasa-sdk actions: thin adapters between the Rasa tracker and the triage core in bot/."""
