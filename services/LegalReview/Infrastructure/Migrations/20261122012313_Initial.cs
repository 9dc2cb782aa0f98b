using Gongkai.BuildingBlocks.Persistence;
using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gongkai.LegalReview.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.message_id, x.consumer });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    message_type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    body = table.Column<string>(type: "jsonb", nullable: false),
                    trace_parent = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "review_opinions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_number = table.Column<int>(type: "integer", nullable: false),
                    step_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    verdict = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    checklist = table.Column<string>(type: "jsonb", nullable: false),
                    reviewer_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    reviewer_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_opinions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_policies",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    legality_for_every_reply = table.Column<bool>(type: "boolean", nullable: false),
                    legality_for_refusals = table.Column<bool>(type: "boolean", nullable: false),
                    confidentiality_when_third_party = table.Column<bool>(type: "boolean", nullable: false),
                    confidentiality_for_every_reply = table.Column<bool>(type: "boolean", nullable: false),
                    step_alert_working_days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_policies", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "review_step_alerts",
                columns: table => new
                {
                    step_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    waiting_working_days = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_step_alerts", x => x.step_id);
                });

            migrationBuilder.CreateTable(
                name: "reviewing_units",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviewing_units", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    reply_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    outcome = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    reply_due = table.Column<DateOnly>(type: "date", nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    opinion_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_steps", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_steps_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_message_id",
                table: "outbox_messages",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_review_opinions_review_id",
                table: "review_opinions",
                column: "review_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_steps_review_id",
                table: "review_steps",
                column: "review_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_steps_tenant_id_state_role",
                table: "review_steps",
                columns: new[] { "tenant_id", "state", "role" });

            migrationBuilder.CreateIndex(
                name: "IX_reviews_case_id_round",
                table: "reviews",
                columns: new[] { "case_id", "round" },
                unique: true);

            migrationBuilder.EnableTenantRowLevelSecurity("reviews");
            migrationBuilder.EnableTenantRowLevelSecurity("review_steps");
            migrationBuilder.EnableTenantRowLevelSecurity("review_opinions");
            migrationBuilder.EnableTenantRowLevelSecurity("review_policies");
            migrationBuilder.EnableTenantRowLevelSecurity("review_step_alerts");
            // An opinion, once given, is final: no update or delete, whoever asks.
            migrationBuilder.Sql("""
                CREATE FUNCTION review_opinions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION '审查意见一经提出不能修改或删除'; END $$;
                CREATE TRIGGER review_opinions_immutable BEFORE UPDATE OR DELETE ON review_opinions
                    FOR EACH ROW EXECUTE FUNCTION review_opinions_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "review_opinions");

            migrationBuilder.DropTable(
                name: "review_policies");

            migrationBuilder.DropTable(
                name: "review_step_alerts");

            migrationBuilder.DropTable(
                name: "review_steps");

            migrationBuilder.DropTable(
                name: "reviewing_units");

            migrationBuilder.DropTable(
                name: "reviews");
        }
    }
}
