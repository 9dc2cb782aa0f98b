using System;
using System.Collections.Generic;
using Gongkai.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IntakeStatutory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<DateOnly>(
                name: "legal_receipt_date",
                table: "applications",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<string>(
                name: "address_protected",
                table: "applications",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_id_number_protected",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_id_type",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_name",
                table: "applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_phone_protected",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "applicant_index",
                table: "applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "applicant_kind",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "NaturalPerson");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "arrived_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "case_status",
                table: "applications",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "case_status_changed_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confirmation_method",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confirmation_note",
                table: "applications",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "confirmed_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "confirmed_by",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contact_name",
                table: "applications",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "credit_code",
                table: "applications",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_route",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "document_number",
                table: "applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "email_protected",
                table: "applications",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "external_reference",
                table: "applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "id_number_protected",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "id_type",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "organisation_category",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_protected",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "postal_code",
                table: "applications",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "applications",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "query_code_protected",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "registered_by",
                table: "applications",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "request_fingerprint",
                table: "applications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_form",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "applications",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Registered");

            migrationBuilder.CreateTable(
                name: "application_attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    key_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_attachments", x => x.id);
                    table.ForeignKey(
                        name: "FK_application_attachments_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_flags",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    related_application_numbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    similarity = table.Column<double>(type: "double precision", nullable: false),
                    flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_flags", x => x.id);
                    table.ForeignKey(
                        name: "FK_application_flags_applications_application_id",
                        column: x => x.application_id,
                        principalTable: "applications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    document_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_documents", x => x.document_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_applications_tenant_id_applicant_index",
                table: "applications",
                columns: new[] { "tenant_id", "applicant_index" });

            migrationBuilder.CreateIndex(
                name: "IX_applications_tenant_id_arrived_at",
                table: "applications",
                columns: new[] { "tenant_id", "arrived_at" });

            migrationBuilder.CreateIndex(
                name: "ux_applications_idempotency_key",
                table: "applications",
                columns: new[] { "tenant_id", "idempotency_key" },
                unique: true,
                filter: "idempotency_key IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_application_attachments_application_id",
                table: "application_attachments",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "IX_application_flags_application_id",
                table: "application_flags",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "IX_case_documents_tenant_id_case_id",
                table: "case_documents",
                columns: new[] { "tenant_id", "case_id" });

            // Applications registered before this migration were dated on registration: they arrived then.
            migrationBuilder.Sql("UPDATE applications SET arrived_at = registered_at WHERE arrived_at < '0002-01-01'");

            migrationBuilder.EnableTenantRowLevelSecurity("application_attachments");
            migrationBuilder.EnableTenantRowLevelSecurity("application_flags");
            migrationBuilder.EnableTenantRowLevelSecurity("case_documents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_attachments");

            migrationBuilder.DropTable(
                name: "application_flags");

            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropIndex(
                name: "IX_applications_tenant_id_applicant_index",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "IX_applications_tenant_id_arrived_at",
                table: "applications");

            migrationBuilder.DropIndex(
                name: "ux_applications_idempotency_key",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "address_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "agent_id_number_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "agent_id_type",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "agent_name",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "agent_phone_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "applicant_index",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "applicant_kind",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "arrived_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "case_status",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "case_status_changed_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "confirmation_method",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "confirmation_note",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "confirmed_at",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "confirmed_by",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "contact_name",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "credit_code",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "delivery_route",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "document_number",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "email_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "external_reference",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "id_number_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "id_type",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "organisation_category",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "phone_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "postal_code",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "query_code_protected",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "registered_by",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "request_fingerprint",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "requested_form",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "status",
                table: "applications");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "legal_receipt_date",
                table: "applications",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
