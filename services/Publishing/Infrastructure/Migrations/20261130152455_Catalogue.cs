using Gongkai.BuildingBlocks.Persistence;
using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_units",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalogue_units", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "index_number_counters",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    series_key = table.Column<string>(type: "character varying(72)", maxLength: 72, nullable: false),
                    last_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_index_number_counters", x => new { x.tenant_id, x.series_key });
                });

            migrationBuilder.CreateTable(
                name: "information_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subject_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    genre = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    publisher = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    written_on = table.Column<DateOnly>(type: "date", nullable: false),
                    document_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    not_public_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    not_public_article = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    domain_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    validity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    validity_changed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    formed_or_changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    index_number = table.Column<string>(type: "character varying(72)", maxLength: 72, nullable: true),
                    first_published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    published_version = table.Column<int>(type: "integer", nullable: false),
                    review_round = table.Column<int>(type: "integer", nullable: false),
                    return_reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    withdrawn_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_information_items", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "item_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    index_number = table.Column<string>(type: "character varying(72)", maxLength: 72, nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    formed_or_changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_items",
                columns: table => new
                {
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    parent_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    index_number = table.Column<string>(type: "character varying(72)", maxLength: 72, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    subject_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    subject_top_code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    genre = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    publisher = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    written_on = table.Column<DateOnly>(type: "date", nullable: false),
                    document_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    domain_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    body_html = table.Column<string>(type: "text", nullable: false),
                    keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    validity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    validity_changed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    first_published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    published_on = table.Column<DateOnly>(type: "date", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    search_terms = table.Column<List<string>>(type: "text[]", nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_public_items", x => x.item_id);
                });

            migrationBuilder.CreateTable(
                name: "publication_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_publication_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "publishing_settings",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    index_scheme = table.Column<string>(type: "jsonb", nullable: true),
                    publication_working_days = table.Column<int>(type: "integer", nullable: false),
                    due_soon_working_days = table.Column<int>(type: "integer", nullable: false),
                    parent_unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    unit_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    unit_checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_publishing_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "validity_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_validity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to_validity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_validity_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_information_items_tenant_id_state_due_on",
                table: "information_items",
                columns: new[] { "tenant_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ux_information_items_index_number",
                table: "information_items",
                columns: new[] { "tenant_id", "index_number" },
                unique: true,
                filter: "index_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_item_versions_item_id_version",
                table: "item_versions",
                columns: new[] { "item_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_public_items_parent_unit_code_published_on",
                table: "public_items",
                columns: new[] { "parent_unit_code", "published_on" });

            // Search by character bigrams (GIN on text[], queried with @> and confirmed with strpos) rather than pg_trgm:
            // trigram indexes only help queries of 3 or more characters, and two-character Chinese words are the commonest.
            migrationBuilder.CreateIndex(
                name: "ix_public_items_search_terms",
                table: "public_items",
                column: "search_terms")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_public_items_unit_code_published_on",
                table: "public_items",
                columns: new[] { "unit_code", "published_on" });

            migrationBuilder.CreateIndex(
                name: "IX_publication_alerts_item_id_kind_due_on",
                table: "publication_alerts",
                columns: new[] { "item_id", "kind", "due_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_validity_changes_item_id",
                table: "validity_changes",
                column: "item_id");

            // Every staff table is the unit's own. Not public_items: it holds only published content and is what the anonymous
            // public catalogue reads across units (see PublicItem). Not catalogue_units: unit codes only, which the nightly
            // deadline scan reads before it has a tenant.
            migrationBuilder.EnableTenantRowLevelSecurity("information_items");
            migrationBuilder.EnableTenantRowLevelSecurity("item_versions");
            migrationBuilder.EnableTenantRowLevelSecurity("validity_changes");
            migrationBuilder.EnableTenantRowLevelSecurity("publishing_settings");
            migrationBuilder.EnableTenantRowLevelSecurity("index_number_counters");
            migrationBuilder.EnableTenantRowLevelSecurity("publication_alerts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_units");

            migrationBuilder.DropTable(
                name: "index_number_counters");

            migrationBuilder.DropTable(
                name: "information_items");

            migrationBuilder.DropTable(
                name: "item_versions");

            migrationBuilder.DropTable(
                name: "public_items");

            migrationBuilder.DropTable(
                name: "publication_alerts");

            migrationBuilder.DropTable(
                name: "publishing_settings");

            migrationBuilder.DropTable(
                name: "validity_changes");
        }
    }
}
