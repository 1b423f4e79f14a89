using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Postgres
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "ConsumerServiceId",
                table: "Proposals",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Agreements",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "ConsumerServiceId",
                table: "Agreements",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: true, collation: "C")
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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "CustomerId",
                table: "Agreements",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
