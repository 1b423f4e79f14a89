using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Catalog.Api.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveredService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Customers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "UTC",
                collation: "C");

            migrationBuilder.AddColumn<string>(
                // Versions agreed before windows existed have none.
                name: "MaintenanceWindows",
                table: "AgreementVersions",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ServiceHours",
                table: "AgreementVersions",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Calendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    WeeklyHours = table.Column<string>(type: "text", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Calendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Measurements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Metric = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Scope = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    Value = table.Column<decimal>(type: "numeric", nullable: false),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RecordedByKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedByRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Measurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Measurements_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Outages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ServiceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Priority = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true, collation: "C"),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RestoredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    Cause = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true, collation: "C"),
                    SourceSystem = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    SourceReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    History = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RecordedByKeyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    RecordedByRole = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Outages_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Calendars",
                columns: new[] { "Id", "Holidays", "Key", "Name", "TimeZone", "UpdatedAt", "Version", "WeeklyHours" },
                values: new object[,]
                {
                    { new Guid("00000000-0000-7000-8000-000000000101"), "[]", "business-hours", "Business hours", null, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 1, "[{\"day\":\"monday\",\"fromMinute\":480,\"toMinute\":1080},{\"day\":\"tuesday\",\"fromMinute\":480,\"toMinute\":1080},{\"day\":\"wednesday\",\"fromMinute\":480,\"toMinute\":1080},{\"day\":\"thursday\",\"fromMinute\":480,\"toMinute\":1080},{\"day\":\"friday\",\"fromMinute\":480,\"toMinute\":1080}]" },
                    { new Guid("00000000-0000-7000-8000-000000000102"), "[]", "extended-hours", "Extended hours", null, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 1, "[{\"day\":\"monday\",\"fromMinute\":420,\"toMinute\":1320},{\"day\":\"tuesday\",\"fromMinute\":420,\"toMinute\":1320},{\"day\":\"wednesday\",\"fromMinute\":420,\"toMinute\":1320},{\"day\":\"thursday\",\"fromMinute\":420,\"toMinute\":1320},{\"day\":\"friday\",\"fromMinute\":420,\"toMinute\":1320},{\"day\":\"saturday\",\"fromMinute\":420,\"toMinute\":1320}]" },
                    { new Guid("00000000-0000-7000-8000-000000000103"), "[]", "24x7", "Around the clock", null, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), 1, "[{\"day\":\"monday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"tuesday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"wednesday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"thursday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"friday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"saturday\",\"fromMinute\":0,\"toMinute\":1440},{\"day\":\"sunday\",\"fromMinute\":0,\"toMinute\":1440}]" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Calendars_Key",
                table: "Calendars",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Measurements_ServiceId_Metric_Scope_Period_Source",
                table: "Measurements",
                columns: new[] { "ServiceId", "Metric", "Scope", "Period", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outages_ServiceId_StartedAt",
                table: "Outages",
                columns: new[] { "ServiceId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outages_SourceSystem_SourceReference",
                table: "Outages",
                columns: new[] { "SourceSystem", "SourceReference" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Calendars");

            migrationBuilder.DropTable(
                name: "Measurements");

            migrationBuilder.DropTable(
                name: "Outages");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MaintenanceWindows",
                table: "AgreementVersions");

            migrationBuilder.DropColumn(
                name: "ServiceHours",
                table: "AgreementVersions");
        }
    }
}
