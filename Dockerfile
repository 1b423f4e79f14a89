# The Catalog API as a small non-root image. SQLite data lives on the /data volume by default;
# set Database__Provider and ConnectionStrings__Catalog to use another database.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Catalog.Api/Catalog.Api.csproj src/Catalog.Api/
# Restore for the publish below: the Linux x64 app host and the ReadyToRun compiler.
RUN dotnet restore src/Catalog.Api/Catalog.Api.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY src/ src/
# Framework-dependent on the ASP.NET Core runtime of the base image, precompiled (ReadyToRun) so that it is ready
# sooner after start. The OpenAPI document is generated and committed by the normal build; the image does not need it.
# A publish stopped by a signal exits 0 without output, hence the check.
RUN dotnet publish src/Catalog.Api/Catalog.Api.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o /app --no-restore -p:OpenApiGenerateDocuments=false \
    && test -x /app/Catalog.Api

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
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
