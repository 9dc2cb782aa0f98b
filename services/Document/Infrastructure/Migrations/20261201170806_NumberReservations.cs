using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Document.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class NumberReservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "number_reservations",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    pattern = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_number_reservations", x => x.document_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_number_reservations_tenant_id_number",
                table: "number_reservations",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_number_reservations_receipt",
                table: "number_reservations",
                columns: new[] { "tenant_id", "case_id" },
                unique: true,
                filter: "kind = 'receipt'");

            migrationBuilder.CreateIndex(
                name: "ux_number_reservations_request",
                table: "number_reservations",
                columns: new[] { "tenant_id", "request_id" },
                unique: true,
                filter: "request_id IS NOT NULL");

            migrationBuilder.EnableTenantRowLevelSecurity("number_reservations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "number_reservations");
        }
    }
}
