using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gongkai.Publishing.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PublicListIndexes : Migration
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

            // Short index-driven queries only: JIT compiling a plan costs 100–200 ms, more than any query here should take.
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET jit = off', current_database()); END $$;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I RESET jit', current_database()); END $$;");

            migrationBuilder.DropIndex(
                name: "ix_public_items_parent_unit_newest",
                table: "public_items");

            migrationBuilder.DropIndex(
                name: "ix_public_items_unit_newest",
                table: "public_items");

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
