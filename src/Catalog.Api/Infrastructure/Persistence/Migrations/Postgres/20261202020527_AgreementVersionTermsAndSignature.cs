using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "AgreementVersions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<decimal>(
                name: "OneOffCost",
                table: "AgreementVersions",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "SignedByName",
                table: "AgreementVersions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "SignedByTitle",
                table: "AgreementVersions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<string>(
                name: "TradeOffs",
                table: "AgreementVersions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            // Versions accepted before now take their terms from the analysis they accepted; nobody was recorded as
            // signing them. Counter-offers published before now take effect after the analysis' lead time, as they did.
            migrationBuilder.Sql("""
                UPDATE "AgreementVersions" v SET
                    "TradeOffs" = COALESCE(a."Content"::jsonb -> 'tradeOffs', '[]'::jsonb)::text,
                    "Consequences" = COALESCE(a."Content"::jsonb -> 'consequences', '[]'::jsonb)::text,
                    "OneOffCost" = COALESCE(CASE WHEN v."Option" = 'CounterOffer' THEN (a."Content"::jsonb #>> '{counterOffer,oneOffCost}')::numeric ELSE (a."Content"::jsonb ->> 'oneOffCost')::numeric END, 0),
                    "Note" = CASE WHEN v."Option" = 'CounterOffer' THEN a."Content"::jsonb #>> '{counterOffer,note}' END
                FROM "ImpactAnalyses" a WHERE a."Id" = v."AnalysisId";
                UPDATE "ImpactAnalyses" SET "Content" = jsonb_set("Content"::jsonb, '{counterOffer,leadTimeDays}', "Content"::jsonb -> 'leadTimeDays')::text
                WHERE jsonb_typeof("Content"::jsonb -> 'counterOffer') = 'object' AND ("Content"::jsonb #> '{counterOffer,leadTimeDays}') IS NULL;
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
