# Build: docker build -t msme-platform .
# Run:   docker run -e SECRET_KEY=... -e ALLOWED_HOSTS=... -e DATABASE_URL=... -p 8000:8000 msme-platform
# Release step (once per deploy): docker run ... msme-platform python manage.py migrate --noinput

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
ENV PATH="/venv/bin:$PATH"
WORKDIR /app
COPY pyproject.toml README.md ./
COPY msme_platform msme_platform
COPY msme_section msme_section
COPY policymaker_section policymaker_section
COPY events events
COPY surveys surveys
RUN pip install .
COPY . .
# collectstatic needs settings but no secret that matters and no database.
RUN SECRET_KEY=collectstatic-only DJANGO_SETTINGS_MODULE=msme_platform.settings.production \
    python manage.py collectstatic --noinput -v0

FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=msme_platform.settings.production
RUN useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin msme
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=msme:msme /app /app
USER msme
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
