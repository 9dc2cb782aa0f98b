using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AnnualReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counted_applications");

            migrationBuilder.AddColumn<int>(
                name: "report_due_day",
                table: "publishing_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "report_due_month",
                table: "publishing_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "report_similarity_blocks",
                table: "publishing_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "report_similarity_threshold",
                table: "publishing_settings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit_kind",
                table: "publishing_settings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "annual_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    proactive = table.Column<string>(type: "jsonb", nullable: false),
                    sections = table.Column<string>(type: "jsonb", nullable: false),
                    correction_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    submitted = table.Column<string>(type: "jsonb", nullable: true),
                    checks = table.Column<string>(type: "jsonb", nullable: false),
                    override_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    review_round = table.Column<int>(type: "integer", nullable: false),
                    return_reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    docx_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_annual_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    body = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    filed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    filing_number = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_number = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    decision_summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    orders_new_reply = table.Column<bool>(type: "boolean", nullable: false),
                    ruling_received_on = table.Column<DateOnly>(type: "date", nullable: true),
                    imported = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_annual_reports",
                columns: table => new
                {
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    correction_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    superseded = table.Column<bool>(type: "boolean", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    rendered = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_annual_reports", x => x.report_id);
                });

            migrationBuilder.CreateTable(
                name: "report_cases",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    applicant_category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    handlings = table.Column<string>(type: "jsonb", nullable: false),
                    fee = table.Column<string>(type: "jsonb", nullable: true),
                    imported = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_cases", x => x.case_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_annual_reports_tenant_id_year_version",
                table: "annual_reports",
                columns: new[] { "tenant_id", "year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_appeals_tenant_id_case_id",
                table: "appeals",
                columns: new[] { "tenant_id", "case_id" });

            migrationBuilder.CreateIndex(
                name: "IX_public_annual_reports_parent_unit_code_year",
                table: "public_annual_reports",
                columns: new[] { "parent_unit_code", "year" });

            migrationBuilder.CreateIndex(
                name: "IX_public_annual_reports_unit_code_year_version",
                table: "public_annual_reports",
                columns: new[] { "unit_code", "year", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_report_cases_tenant_id_case_number",
                table: "report_cases",
                columns: new[] { "tenant_id", "case_number" },
                unique: true);

            // counted_applications is replaced by report_cases; POST /api/publishing/annual-reports/{year}/recount refills it from Workflow.
            migrationBuilder.EnableTenantRowLevelSecurity("report_cases");
            migrationBuilder.EnableTenantRowLevelSecurity("appeals");
            migrationBuilder.EnableTenantRowLevelSecurity("annual_reports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "annual_reports");

            migrationBuilder.DropTable(
                name: "appeals");

            migrationBuilder.DropTable(
                name: "public_annual_reports");

            migrationBuilder.DropTable(
                name: "report_cases");

            migrationBuilder.DropColumn(
                name: "report_due_day",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "report_due_month",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "report_similarity_blocks",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "report_similarity_threshold",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "unit_kind",
                table: "publishing_settings");

            migrationBuilder.CreateTable(
                name: "counted_applications",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    counted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counted_applications", x => x.case_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_counted_applications_tenant_id_year",
                table: "counted_applications",
                columns: new[] { "tenant_id", "year" });
        }
    }
}
