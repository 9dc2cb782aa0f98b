using System;
using System.Collections.Generic;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CatalogueAttachmentsConversionsReReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_public_items_parent_unit_code_published_on",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "IX_public_items_unit_code_published_on",
                table: "public_items");

            migrationBuilder.AddColumn<int>(
                name: "non_public_re_review_months",
                table: "publishing_settings",
                type: "integer",
                nullable: false,
                defaultValue: 12);

            migrationBuilder.AddColumn<string>(
                name: "attachments",
                table: "public_items",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb"); // items published before attachments existed have none

            migrationBuilder.AddColumn<DateOnly>(
                name: "became_proactive_on",
                table: "information_items",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "converted_from",
                table: "information_items",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_re_reviewed_on",
                table: "information_items",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "re_review_from",
                table: "information_items",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "conversion_suggestions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    application_numbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: true),
                    basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    previous_id = table.Column<Guid>(type: "uuid", nullable: true),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversion_suggestions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "item_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    added_in_version = table.Column<int>(type: "integer", nullable: false),
                    removed_in_version = table.Column<int>(type: "integer", nullable: true),
                    added_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "item_re_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    mode_before = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    mode_after = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    not_public_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    not_public_article = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    reviewed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_re_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "item_attachment_contents",
                columns: table => new
                {
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_attachment_contents", x => x.attachment_id);
                    table.ForeignKey(
                        name: "FK_item_attachment_contents_item_attachments_attachment_id",
                        column: x => x.attachment_id,
                        principalTable: "item_attachments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_public_items_parent_unit_newest",
                table: "public_items",
                columns: new[] { "parent_unit_code", "published_on", "index_number" },
                descending: new[] { false, true, true })
                .Annotation("Npgsql:IndexInclude", new[] { "item_id", "subject_top_code", "subject_code", "genre", "validity", "domain_code", "written_on" });

            migrationBuilder.CreateIndex(
                name: "ix_public_items_unit_newest",
                table: "public_items",
                columns: new[] { "unit_code", "published_on", "index_number" },
                descending: new[] { false, true, true })
                .Annotation("Npgsql:IndexInclude", new[] { "item_id", "subject_top_code", "subject_code", "genre", "validity", "domain_code", "written_on" });

            migrationBuilder.CreateIndex(
                name: "IX_information_items_tenant_id_re_review_from",
                table: "information_items",
                columns: new[] { "tenant_id", "re_review_from" },
                filter: "re_review_from IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_conversion_suggestions_application_numbers",
                table: "conversion_suggestions",
                column: "application_numbers")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "IX_conversion_suggestions_tenant_id_state_raised_at",
                table: "conversion_suggestions",
                columns: new[] { "tenant_id", "state", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "IX_item_attachments_item_id",
                table: "item_attachments",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "IX_item_re_reviews_item_id",
                table: "item_re_reviews",
                column: "item_id");

            // Items already marked non-public enter the re-review schedule from their 成文日期.
            migrationBuilder.Sql("UPDATE information_items SET re_review_from = written_on WHERE mode <> 'Proactive'");

            // The unit's own, metadata and bytes alike. The anonymous download reads the bytes as the publishing unit, for
            // the attachment that unit's public_items row names (see AttachmentsApi.PublicDownload).
            migrationBuilder.EnableTenantRowLevelSecurity("item_attachments");
            migrationBuilder.EnableTenantRowLevelSecurity("item_attachment_contents");
            migrationBuilder.EnableTenantRowLevelSecurity("item_re_reviews");
            migrationBuilder.EnableTenantRowLevelSecurity("conversion_suggestions");

            // Short index-driven queries only: JIT compiling a plan costs 100–200 ms, more than any query here should take.
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$;");

            migrationBuilder.DropTable(
                name: "conversion_suggestions");

            migrationBuilder.DropTable(
                name: "item_attachment_contents");

            migrationBuilder.DropTable(
                name: "item_re_reviews");

            migrationBuilder.DropTable(
                name: "item_attachments");

            migrationBuilder.DropIndex(
                name: "ix_public_items_parent_unit_newest",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "ix_public_items_unit_newest",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "IX_information_items_tenant_id_re_review_from",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "non_public_re_review_months",
                table: "publishing_settings");

            migrationBuilder.DropColumn(
                name: "attachments",
                table: "public_items");

            migrationBuilder.DropColumn(
                name: "became_proactive_on",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "converted_from",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "last_re_reviewed_on",
                table: "information_items");

            migrationBuilder.DropColumn(
                name: "re_review_from",
                table: "information_items");

            migrationBuilder.CreateIndex(
                name: "IX_public_items_parent_unit_code_published_on",
                table: "public_items",
                columns: new[] { "parent_unit_code", "published_on" });

            migrationBuilder.CreateIndex(
                name: "IX_public_items_unit_code_published_on",
                table: "public_items",
                columns: new[] { "unit_code", "published_on" });
        }
    }
}
