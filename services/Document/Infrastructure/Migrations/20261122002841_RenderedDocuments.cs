using Gongkai.BuildingBlocks.Persistence;
﻿using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gongkai.Document.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RenderedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "case_number",
                table: "issued_documents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "document_number",
                table: "issued_documents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "docx_sha256",
                table: "issued_documents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "number_pattern",
                table: "issued_documents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "number_sequence",
                table: "issued_documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "number_year",
                table: "issued_documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pdf_sha256",
                table: "issued_documents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "request_id",
                table: "issued_documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "settings_revision",
                table: "issued_documents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_key",
                table: "issued_documents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "template_version",
                table: "issued_documents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "document_files",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    media_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_document_files", x => new { x.document_id, x.format });
                    table.ForeignKey(
                        name: "FK_document_files_issued_documents_document_id",
                        column: x => x.document_id,
                        principalTable: "issued_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "number_counters",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pattern = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_number_counters", x => new { x.tenant_id, x.pattern, x.year });
                });

            migrationBuilder.CreateTable(
                name: "template_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    template_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    paragraphs = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_reset = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "unit_settings",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unit_full_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    identity_unit_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reconsideration_days = table.Column<int>(type: "integer", nullable: false),
                    litigation_months = table.Column<int>(type: "integer", nullable: false),
                    reconsideration_body = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    payment_method = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    number_patterns = table.Column<string>(type: "jsonb", nullable: false),
                    seal_png = table.Column<byte[]>(type: "bytea", nullable: true),
                    seal_sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    revision = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_issued_documents_tenant_id_document_number",
                table: "issued_documents",
                columns: new[] { "tenant_id", "document_number" },
                unique: true,
                filter: "document_number IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ux_issued_documents_one_receipt_per_case",
                table: "issued_documents",
                columns: new[] { "tenant_id", "case_id" },
                unique: true,
                filter: "kind = 'receipt'");

            migrationBuilder.CreateIndex(
                name: "ux_issued_documents_request",
                table: "issued_documents",
                columns: new[] { "tenant_id", "request_id" },
                unique: true,
                filter: "request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_template_versions_tenant_id_template_key_version",
                table: "template_versions",
                columns: new[] { "tenant_id", "template_key", "version" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("document_files");
            migrationBuilder.EnableTenantRowLevelSecurity("number_counters");
            migrationBuilder.EnableTenantRowLevelSecurity("template_versions");
            migrationBuilder.EnableTenantRowLevelSecurity("unit_settings");
            // Issued documents, their files and saved template versions are history: append-only for everyone,
            // owner included (changing one takes a superuser disabling the trigger).
            migrationBuilder.Sql("""
                CREATE FUNCTION document_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '已出具的文书和模板版本只能追加，不能修改或删除（%）', TG_TABLE_NAME; END $$;
                CREATE TRIGGER issued_documents_append_only BEFORE UPDATE OR DELETE ON issued_documents
                    FOR EACH ROW EXECUTE FUNCTION document_history_append_only();
                CREATE TRIGGER document_files_append_only BEFORE UPDATE OR DELETE ON document_files
                    FOR EACH ROW EXECUTE FUNCTION document_history_append_only();
                CREATE TRIGGER template_versions_append_only BEFORE UPDATE OR DELETE ON template_versions
                    FOR EACH ROW EXECUTE FUNCTION document_history_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS issued_documents_append_only ON issued_documents;
                DROP TRIGGER IF EXISTS document_files_append_only ON document_files;
                DROP TRIGGER IF EXISTS template_versions_append_only ON template_versions;
                DROP FUNCTION IF EXISTS document_history_append_only();
                """);

            migrationBuilder.DropTable(
                name: "document_files");

            migrationBuilder.DropTable(
                name: "number_counters");

            migrationBuilder.DropTable(
                name: "template_versions");

            migrationBuilder.DropTable(
                name: "unit_settings");

            migrationBuilder.DropIndex(
                name: "IX_issued_documents_tenant_id_document_number",
                table: "issued_documents");

            migrationBuilder.DropIndex(
                name: "ux_issued_documents_one_receipt_per_case",
                table: "issued_documents");

            migrationBuilder.DropIndex(
                name: "ux_issued_documents_request",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "case_number",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "document_number",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "docx_sha256",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "number_pattern",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "number_sequence",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "number_year",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "pdf_sha256",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "request_id",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "settings_revision",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "template_key",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "template_version",
                table: "issued_documents");
        }
    }
}
