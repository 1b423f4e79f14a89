using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OlaAndPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Proposals",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ConsumerServiceId",
                table: "Proposals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Agreements",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ConsumerServiceId",
                table: "Agreements",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_ConsumerServiceId_Id",
                table: "Proposals",
                columns: new[] { "ConsumerServiceId", "Id" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Proposals_OneConsumer",
                table: "Proposals",
                sql: "(\"CustomerId\" IS NULL) <> (\"ConsumerServiceId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_ConsumerServiceId_Id",
                table: "Agreements",
                columns: new[] { "ConsumerServiceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Agreements_ServiceId_ConsumerServiceId",
                table: "Agreements",
                columns: new[] { "ServiceId", "ConsumerServiceId" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Agreements_OneConsumer",
                table: "Agreements",
                sql: "(\"CustomerId\" IS NULL) <> (\"ConsumerServiceId\" IS NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_Agreements_Services_ConsumerServiceId",
                table: "Agreements",
                column: "ConsumerServiceId",
                principalTable: "Services",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Proposals_Services_ConsumerServiceId",
                table: "Proposals",
                column: "ConsumerServiceId",
                principalTable: "Services",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agreements_Services_ConsumerServiceId",
                table: "Agreements");

            migrationBuilder.DropForeignKey(
                name: "FK_Proposals_Services_ConsumerServiceId",
                table: "Proposals");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropIndex(
                name: "IX_Proposals_ConsumerServiceId_Id",
                table: "Proposals");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Proposals_OneConsumer",
                table: "Proposals");

            migrationBuilder.DropIndex(
                name: "IX_Agreements_ConsumerServiceId_Id",
                table: "Agreements");

            migrationBuilder.DropIndex(
                name: "IX_Agreements_ServiceId_ConsumerServiceId",
                table: "Agreements");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Agreements_OneConsumer",
                table: "Agreements");

            migrationBuilder.DropColumn(
                name: "ConsumerServiceId",
                table: "Proposals");

            migrationBuilder.DropColumn(
                name: "ConsumerServiceId",
                table: "Agreements");

            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Proposals",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Agreements",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
