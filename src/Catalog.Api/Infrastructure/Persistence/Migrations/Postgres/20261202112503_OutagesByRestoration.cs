using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutagesByRestoration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outages_ServiceId_StartedAt",
                table: "Outages");

            migrationBuilder.CreateIndex(
                name: "IX_Outages_ServiceId_StartedAt_RestoredAt",
                table: "Outages",
                columns: new[] { "ServiceId", "StartedAt", "RestoredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Outages_ServiceId_StartedAt_RestoredAt",
                table: "Outages");

            migrationBuilder.CreateIndex(
                name: "IX_Outages_ServiceId_StartedAt",
                table: "Outages",
                columns: new[] { "ServiceId", "StartedAt" });
        }
    }
}
