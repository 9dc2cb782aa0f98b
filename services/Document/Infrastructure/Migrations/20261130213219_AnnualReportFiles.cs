using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Document.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AnnualReportFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "annual_report_files",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pdf_length = table.Column<long>(type: "bigint", nullable: false),
                    docx = table.Column<byte[]>(type: "bytea", nullable: false),
                    docx_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    docx_length = table.Column<long>(type: "bigint", nullable: false),
                    rendered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_report_files", x => new { x.report_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "public_annual_reports",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_annual_reports", x => new { x.report_id, x.version });
                });

            migrationBuilder.CreateIndex(
                name: "IX_annual_report_files_tenant_id_year",
                table: "annual_report_files",
                columns: new[] { "tenant_id", "year" });

            // The files are the unit's, and a published report's rendition is history like an issued document. The public
            // index holds only which unit published which report version, for anonymous downloads (no tenant_id, no RLS).
            migrationBuilder.EnableTenantRowLevelSecurity("annual_report_files");
            migrationBuilder.Sql("""
                CREATE TRIGGER annual_report_files_append_only BEFORE UPDATE OR DELETE ON annual_report_files
                    FOR EACH ROW EXECUTE FUNCTION document_history_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annual_report_files");

            migrationBuilder.DropTable(
                name: "public_annual_reports");
        }
    }
}
