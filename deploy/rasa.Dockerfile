# Charley's Rasa server image: the official Rasa Open Source 3.6.21 image (the release with
# the fix for CVE-2024-49375) plus the few packages whose version Charley needs and the
# image does not have. The project itself (model, bot/, credentials, endpoints) is mounted at
# /app by docker-compose.yml, not copied. Build context: this deploy/ folder.
FROM rasa/rasa:3.6.21-full

USER root
COPY requirements-rasa.txt /tmp/charley-requirements.txt
RUN pip install --no-cache-dir -r /tmp/charley-requirements.txt \
    && rm /tmp/charley-requirements.txt
USER 1001
