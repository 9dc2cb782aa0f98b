using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Workflow.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApplicantName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "applicant_name",
                table: "cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "applicant_name",
                table: "cases");
        }
    }
}
