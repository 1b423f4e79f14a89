# The Catalog API as a small non-root image. SQLite data lives on the /data volume by default;
# set Database__Provider and ConnectionStrings__Catalog to use another database.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Catalog.Api/Catalog.Api.csproj src/Catalog.Api/
COPY src/Catalog.Api/Properties/PublishProfiles/ src/Catalog.Api/Properties/PublishProfiles/
# The publish profile: self-contained, the framework trimmed, precompiled (ReadyToRun). Restore fetches the
# runtime packs, the trimmer and the compiler it needs.
RUN dotnet restore src/Catalog.Api/Catalog.Api.csproj -p:PublishProfile=linux-x64
COPY src/ src/
# The OpenAPI document is generated and committed by the normal build; the image does not need it.
# A publish stopped by a signal exits 0 without output, hence the check.
RUN dotnet publish src/Catalog.Api/Catalog.Api.csproj -p:PublishProfile=linux-x64 -o /app --no-restore \
      -p:OpenApiGenerateDocuments=false \
    && test -x /app/Catalog.Api

# The runtime is in /app (self-contained): the image needs only what .NET needs from the system.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
WORKDIR /app
ENV Urls=http://+:8080 \
    ConnectionStrings__Catalog="Data Source=/data/catalog.db" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The official images ship an unprivileged 'app' user (uid 1654); the data folder belongs to it.
RUN mkdir -p /data && chown 1654:1654 /data
COPY --from=build /app .
USER 1654
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/app/Catalog.Api", "health-probe", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["/app/Catalog.Api"]
