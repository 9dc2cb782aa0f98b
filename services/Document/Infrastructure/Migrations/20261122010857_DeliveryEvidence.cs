using Gongkai.BuildingBlocks.Persistence;
﻿using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Document.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delivery_evidence", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sealed_dossiers",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    zip = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    catalogue = table.Column<string>(type: "jsonb", nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    message_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sealed_dossiers", x => new { x.tenant_id, x.case_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_delivery_evidence_tenant_id_case_id",
                table: "delivery_evidence",
                columns: new[] { "tenant_id", "case_id" });

            migrationBuilder.EnableTenantRowLevelSecurity("delivery_evidence");
            migrationBuilder.EnableTenantRowLevelSecurity("sealed_dossiers");
            // Evidence of delivery and the dossier frozen at archiving are records: append-only for everyone,
            // owner included (changing one takes a superuser disabling the trigger).
            migrationBuilder.Sql("""
                CREATE FUNCTION document_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '送达凭证和归档封存的案卷只能追加，不能修改或删除（%）', TG_TABLE_NAME; END $$;
                CREATE TRIGGER delivery_evidence_append_only BEFORE UPDATE OR DELETE ON delivery_evidence
                    FOR EACH ROW EXECUTE FUNCTION document_records_append_only();
                CREATE TRIGGER sealed_dossiers_append_only BEFORE UPDATE OR DELETE ON sealed_dossiers
                    FOR EACH ROW EXECUTE FUNCTION document_records_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS delivery_evidence_append_only ON delivery_evidence;
                DROP TRIGGER IF EXISTS sealed_dossiers_append_only ON sealed_dossiers;
                DROP FUNCTION IF EXISTS document_records_append_only();
                """);

            migrationBuilder.DropTable(
                name: "delivery_evidence");

            migrationBuilder.DropTable(
                name: "sealed_dossiers");
        }
    }
}
