using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bulletin_standings",
                columns: table => new
                {
                    bulletin_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    district_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    units_ranked = table.Column<int>(type: "integer", nullable: false),
                    entry = table.Column<string>(type: "jsonb", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletin_standings", x => new { x.bulletin_id, x.tenant_id });
                });

            migrationBuilder.CreateTable(
                name: "bulletins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    district_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    entries = table.Column<string>(type: "jsonb", nullable: false),
                    district_figures = table.Column<string>(type: "jsonb", nullable: true),
                    remarks = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    pdf_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    docx_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulletins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_heat_maps",
                columns: table => new
                {
                    district_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    district_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    minimum_count = table.Column<int>(type: "integer", nullable: false),
                    cells = table.Column<string>(type: "jsonb", nullable: false),
                    unit_names = table.Column<string>(type: "jsonb", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_heat_maps", x => new { x.district_code, x.year });
                });

            migrationBuilder.CreateTable(
                name: "spot_check_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    spot_check_id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    findings = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    rectification = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    rectified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rectified_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_check_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "spot_checks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    period_label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    per_unit = table.Column<int>(type: "integer", nullable: false),
                    units = table.Column<string>(type: "jsonb", nullable: false),
                    drawn = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_spot_checks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "supervised_cases",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    revision = table.Column<long>(type: "bigint", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    replied_on = table.Column<DateOnly>(type: "date", nullable: true),
                    late = table.Column<bool>(type: "boolean", nullable: true),
                    working_days = table.Column<int>(type: "integer", nullable: true),
                    extended = table.Column<bool>(type: "boolean", nullable: false),
                    corrections_requested = table.Column<int>(type: "integer", nullable: false),
                    review_returns = table.Column<int>(type: "integer", nullable: false),
                    domain_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    domain_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervised_cases", x => x.case_id);
                });

            migrationBuilder.CreateTable(
                name: "supervision_settings",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    rules = table.Column<string>(type: "jsonb", nullable: false),
                    checklist = table.Column<string>(type: "jsonb", nullable: false),
                    minimum_public_count = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_bulletins_tenant_id_period",
                table: "bulletins",
                columns: new[] { "tenant_id", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_spot_check_items_tenant_id_spot_check_id",
                table: "spot_check_items",
                columns: new[] { "tenant_id", "spot_check_id" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_cases_tenant_id_closed_on",
                table: "supervised_cases",
                columns: new[] { "tenant_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_cases_tenant_id_received_on",
                table: "supervised_cases",
                columns: new[] { "tenant_id", "received_on" });

            migrationBuilder.EnableTenantRowLevelSecurity("supervised_cases");
            migrationBuilder.EnableTenantRowLevelSecurity("supervision_settings");
            migrationBuilder.EnableTenantRowLevelSecurity("bulletins");
            migrationBuilder.EnableTenantRowLevelSecurity("bulletin_standings");
            migrationBuilder.EnableTenantRowLevelSecurity("spot_checks");
            migrationBuilder.EnableTenantRowLevelSecurity("spot_check_items");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bulletin_standings");

            migrationBuilder.DropTable(
                name: "bulletins");

            migrationBuilder.DropTable(
                name: "public_heat_maps");

            migrationBuilder.DropTable(
                name: "spot_check_items");

            migrationBuilder.DropTable(
                name: "spot_checks");

            migrationBuilder.DropTable(
                name: "supervised_cases");

            migrationBuilder.DropTable(
                name: "supervision_settings");
        }
    }
}
