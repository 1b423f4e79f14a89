using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgreementVersionTermsAndSignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Consequences",
                table: "AgreementVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "AgreementVersions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OneOffCost",
                table: "AgreementVersions",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "SignedByName",
                table: "AgreementVersions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedByTitle",
                table: "AgreementVersions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TradeOffs",
                table: "AgreementVersions",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            // Versions accepted before now take their terms from the analysis they accepted; nobody was recorded as
            // signing them. Counter-offers published before now take effect after the analysis' lead time, as they did.
            migrationBuilder.Sql("""
                UPDATE "AgreementVersions" SET
                    "TradeOffs" = COALESCE((SELECT json_extract(a."Content", '$.tradeOffs') FROM "ImpactAnalyses" a WHERE a."Id" = "AgreementVersions"."AnalysisId"), '[]'),
                    "Consequences" = COALESCE((SELECT json_extract(a."Content", '$.consequences') FROM "ImpactAnalyses" a WHERE a."Id" = "AgreementVersions"."AnalysisId"), '[]'),
                    "OneOffCost" = COALESCE((SELECT CAST(CASE WHEN "AgreementVersions"."Option" = 'CounterOffer' THEN json_extract(a."Content", '$.counterOffer.oneOffCost') ELSE json_extract(a."Content", '$.oneOffCost') END AS TEXT)
                                             FROM "ImpactAnalyses" a WHERE a."Id" = "AgreementVersions"."AnalysisId"), '0'),
                    "Note" = CASE WHEN "Option" = 'CounterOffer' THEN (SELECT json_extract(a."Content", '$.counterOffer.note') FROM "ImpactAnalyses" a WHERE a."Id" = "AgreementVersions"."AnalysisId") END;
                UPDATE "ImpactAnalyses" SET "Content" = json_set("Content", '$.counterOffer.leadTimeDays', json_extract("Content", '$.leadTimeDays'))
                WHERE json_extract("Content", '$.counterOffer') IS NOT NULL AND json_extract("Content", '$.counterOffer.leadTimeDays') IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Consequences",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "OneOffCost",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "SignedByName",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "SignedByTitle",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "TradeOffs",
                table: "AgreementVersions");
        }
    }
}
