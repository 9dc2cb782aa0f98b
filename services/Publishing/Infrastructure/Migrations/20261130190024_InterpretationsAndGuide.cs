using System;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InterpretationsAndGuide : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "interpretation_required_for",
                table: "publishing_settings",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "interprets_id",
                table: "public_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "held_approved_by",
                table: "information_items",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "interprets_id",
                table: "information_items",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disclosure_guide_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    updated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    saved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disclosure_guide_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_disclosure_guides",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    updated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_disclosure_guides", x => x.unit_code);
                });

            migrationBuilder.CreateIndex(
                name: "IX_public_items_interprets_id",
                table: "public_items",
                column: "interprets_id",
                filter: "interprets_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_information_items_tenant_id_interprets_id",
                table: "information_items",
                columns: new[] { "tenant_id", "interprets_id" },
                filter: "interprets_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_disclosure_guide_versions_tenant_id_version",
                table: "disclosure_guide_versions",
                columns: new[] { "tenant_id", "version" },
                unique: true);

            // The guide's versions are the unit's own (they name who saved them). Not public_disclosure_guides: anonymous
            // readers have no tenant, and the table holds only the guide each unit published (see PublicGuide), like public_items.
            migrationBuilder.EnableTenantRowLevelSecurity("disclosure_guide_versions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disclosure_guide_versions");

            migrationBuilder.DropTable(
                name: "public_disclosure_guides");

            migrationBuilder.DropIndex(
                name: "IX_public_items_interprets_id",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "IX_information_items_tenant_id_interprets_id",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "interpretation_required_for",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "interprets_id",
                table: "public_items");

            migrationBuilder.DropColumn(
                name: "held_approved_by",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "interprets_id",
                table: "information_items");
        }
    }
}
