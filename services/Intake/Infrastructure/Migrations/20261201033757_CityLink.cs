using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CityLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reply_type",
                table: "applications",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reply_type_label",
                table: "applications",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "city_applications",
                columns: table => new
                {
                    city_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_sequence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_applications", x => x.city_reference);
                });

            migrationBuilder.CreateTable(
                name: "city_deliveries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    ordering_key = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    city_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    application_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    replays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "city_inbound_messages",
                columns: table => new
                {
                    city_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_inbound_messages", x => new { x.city_reference, x.kind, x.message_id });
                });

            migrationBuilder.CreateTable(
                name: "city_nonces",
                columns: table => new
                {
                    key_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    nonce = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_nonces", x => new { x.key_id, x.nonce });
                });

            migrationBuilder.CreateTable(
                name: "city_reconciliations",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    ran_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_city_reconciliations", x => x.day);
                });

            migrationBuilder.CreateIndex(
                name: "IX_city_applications_application_id",
                table: "city_applications",
                column: "application_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_city_applications_received_at",
                table: "city_applications",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "IX_city_deliveries_created_at",
                table: "city_deliveries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_city_deliveries_due",
                table: "city_deliveries",
                column: "next_attempt_at",
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_city_deliveries_ordering_key_sequence",
                table: "city_deliveries",
                columns: new[] { "ordering_key", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_city_nonces_seen_at",
                table: "city_nonces",
                column: "seen_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "city_applications");

            migrationBuilder.DropTable(
                name: "city_deliveries");

            migrationBuilder.DropTable(
                name: "city_inbound_messages");

            migrationBuilder.DropTable(
                name: "city_nonces");

            migrationBuilder.DropTable(
                name: "city_reconciliations");

            migrationBuilder.DropColumn(
                name: "reply_type",
                table: "applications");

            migrationBuilder.DropColumn(
                name: "reply_type_label",
                table: "applications");
        }
    }
}
