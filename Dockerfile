# The liveledger worker and CLI. Used by docker-compose.yml; nothing here is needed without Docker.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY liveledger ./liveledger
COPY schemas ./schemas
COPY streams ./streams
COPY replay ./replay
RUN pip install --no-cache-dir .
ENV LIVELEDGER_DATA_DIR=/data \
    LIVELEDGER_WEB_HOST=0.0.0.0
VOLUME /data
EXPOSE 6066
ENTRYPOINT ["liveledger"]
CMD ["worker"]
