using Gongkai.BuildingBlocks.Persistence;
using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class StandardCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "prompt_working_days",
                table: "publishing_settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "obligation_id",
                table: "public_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "obligation_id",
                table: "information_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "published_standard_catalogues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    adopted_district_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    adopted_version = table.Column<int>(type: "integer", nullable: true),
                    obligations = table.Column<string>(type: "jsonb", nullable: false),
                    exemptions = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_standard_catalogues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "standard_catalogue_adoptions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    district_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    adopted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    adopted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standard_catalogue_adoptions", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "standard_domain_exemptions",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    domain_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standard_domain_exemptions", x => new { x.tenant_id, x.domain_code });
                });

            migrationBuilder.CreateTable(
                name: "standard_obligations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    inherited_from_id = table.Column<Guid>(type: "uuid", nullable: true),
                    baseline = table.Column<string>(type: "jsonb", nullable: true),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    domain_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    level1 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    level2 = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    basis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    deadline_text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    responsible = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    channels = table.Column<int>(type: "integer", nullable: false),
                    audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    levels = table.Column<int>(type: "integer", nullable: false),
                    deadline_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    deadline_working_days = table.Column<int>(type: "integer", nullable: true),
                    difference_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    first_published_version = table.Column<int>(type: "integer", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retired_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_standard_obligations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_items_obligation_id",
                table: "public_items",
                column: "obligation_id",
                filter: "obligation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_information_items_tenant_id_obligation_id",
                table: "information_items",
                columns: new[] { "tenant_id", "obligation_id" },
                filter: "obligation_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_published_standard_catalogues_unit_code_version",
                table: "published_standard_catalogues",
                columns: new[] { "unit_code", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_standard_obligations_tenant_id_code",
                table: "standard_obligations",
                columns: new[] { "tenant_id", "code" },
                unique: true,
                filter: "retired_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_standard_obligations_tenant_id_inherited_from_id",
                table: "standard_obligations",
                columns: new[] { "tenant_id", "inherited_from_id" });

            // The working copy, the domain exemptions and the adoption are the unit's own. Not published_standard_catalogues:
            // a township must read its district's published versions to adopt them and the public reads them anonymously;
            // the table holds only published catalogue content (see PublishedCatalogue), like public_items.
            migrationBuilder.EnableTenantRowLevelSecurity("standard_obligations");
            migrationBuilder.EnableTenantRowLevelSecurity("standard_domain_exemptions");
            migrationBuilder.EnableTenantRowLevelSecurity("standard_catalogue_adoptions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_standard_catalogues");

            migrationBuilder.DropTable(
                name: "standard_catalogue_adoptions");

            migrationBuilder.DropTable(
                name: "standard_domain_exemptions");

            migrationBuilder.DropTable(
                name: "standard_obligations");

            migrationBuilder.DropIndex(
                name: "IX_public_items_obligation_id",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "IX_information_items_tenant_id_obligation_id",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "prompt_working_days",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "obligation_id",
                table: "public_items");

            migrationBuilder.DropColumn(
                name: "obligation_id",
                table: "information_items");
        }
    }
}
