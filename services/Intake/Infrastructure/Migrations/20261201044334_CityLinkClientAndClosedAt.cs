using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Intake.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CityLinkClientAndClosedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client_id",
                table: "city_applications",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "applications",
                type: "timestamp with time zone",
                nullable: true);

            // Cases closed before the column existed: their last change was the closing (archived ones stay unknown).
            migrationBuilder.Sql("UPDATE applications SET closed_at = case_status_changed_at WHERE case_status = 'Closed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "client_id",
                table: "city_applications");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "applications");
        }
    }
}
