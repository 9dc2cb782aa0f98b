using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_supervised_cases_tenant_id_closed_on",
                table: "supervised_cases");

            migrationBuilder.CreateIndex(
                name: "IX_supervised_cases_tenant_id_closed_on",
                table: "supervised_cases",
                columns: new[] { "tenant_id", "closed_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "late", "working_days", "extended", "corrections_requested", "review_returns" });

            migrationBuilder.CreateIndex(
                name: "IX_supervised_cases_tenant_id_due_on",
                table: "supervised_cases",
                columns: new[] { "tenant_id", "due_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_supervised_cases_tenant_id_closed_on",
                table: "supervised_cases");

            migrationBuilder.DropIndex(
                name: "IX_supervised_cases_tenant_id_due_on",
                table: "supervised_cases");

            migrationBuilder.CreateIndex(
                name: "IX_supervised_cases_tenant_id_closed_on",
                table: "supervised_cases",
                columns: new[] { "tenant_id", "closed_on" });
        }
    }
}
