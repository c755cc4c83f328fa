# Charley's action server image: the official rasa-sdk 3.6.2 image plus what actions/ and
# bot/triage import beyond rasa_sdk. The code (actions/, bot/) is mounted at /app/actions and
# /app/bot by docker-compose.yml. Build context: this deploy/ folder.
FROM rasa/rasa-sdk:3.6.2

USER root
COPY requirements-action-server.txt /tmp/charley-requirements.txt
RUN pip install --no-cache-dir -r /tmp/charley-requirements.txt \
    && rm /tmp/charley-requirements.txt
USER 1001
