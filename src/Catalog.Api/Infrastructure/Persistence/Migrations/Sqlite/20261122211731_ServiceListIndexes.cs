using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_Category",
                table: "Services");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Category_Key",
                table: "Services",
                columns: new[] { "Category", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_Kind_Key",
                table: "Services",
                columns: new[] { "Kind", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_Lifecycle_Key",
                table: "Services",
                columns: new[] { "Lifecycle", "Key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Services_Category_Key",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Services_Kind_Key",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_Services_Lifecycle_Key",
                table: "Services");

            migrationBuilder.CreateIndex(
                name: "IX_Services_Category",
                table: "Services",
                column: "Category");
        }
    }
}
