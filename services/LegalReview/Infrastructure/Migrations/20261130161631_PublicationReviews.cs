using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.LegalReview.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PublicationReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "reviews",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                // Every review before this migration was about a case.
                defaultValue: "Case");

            migrationBuilder.AddColumn<bool>(
                name: "confidentiality_for_publications",
                table: "review_policies",
                type: "boolean",
                nullable: false,
                // The policy's default for units that saved a policy before publications were reviewed (Art. 17).
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "legality_for_publications",
                table: "review_policies",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "subject",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "confidentiality_for_publications",
                table: "review_policies");

            migrationBuilder.DropColumn(
                name: "legality_for_publications",
                table: "review_policies");
        }
    }
}
