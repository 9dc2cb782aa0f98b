using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Document.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DocumentRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "document_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    case_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    applicant_name = table.Column<string>(type: "text", nullable: true),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    fields = table.Column<string>(type: "jsonb", nullable: true),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "document_requests_due",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_requests_due", x => x.request_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_document_requests_tenant_id_case_id",
                table: "document_requests",
                columns: new[] { "tenant_id", "case_id" });

            migrationBuilder.CreateIndex(
                name: "IX_document_requests_tenant_id_state_requested_at",
                table: "document_requests",
                columns: new[] { "tenant_id", "state", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "IX_document_requests_due_due_at",
                table: "document_requests_due",
                column: "due_at");

            // The requests hold the applicant's name until issued: the unit's alone. The due times are platform data
            // like the outbox (a request id, a unit, a time), read by the retry worker across units.
            migrationBuilder.EnableTenantRowLevelSecurity("document_requests");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_requests");

            migrationBuilder.DropTable(
                name: "document_requests_due");
        }
    }
}
