using Gongkai.Publishing.Domain.Catalogue;
using Npgsql;
using NpgsqlTypes;

namespace Gongkai.Benchmarks;

/// <summary>
/// Writes the synthetic items into public_items with binary COPY. The table's secondary indexes (as the migrations made
/// them) are dropped first and built again afterwards, which is how a bulk import is done, then the table is analysed.
/// </summary>
internal static class CatalogueSeeder
{
    private const string Columns = "item_id, unit_code, parent_unit_code, index_number, title, summary, subject_code, subject_top_code, genre, " +
        "publisher, written_on, document_number, scope, domain_code, obligation_id, body_html, keywords, validity, validity_changed_on, version, " +
        "first_published_on, published_on, updated_at, search_terms, search_text";

    public static async Task SeedAsync(string connectionString, SyntheticCatalogue catalogue, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var indexes = await SecondaryIndexesAsync(connection);
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX {name}");

        var now = DateTimeOffset.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY public_items ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var item = catalogue.Item(i, now);
                await writer.StartRowAsync();
                await writer.WriteAsync(item.ItemId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(item.UnitCode, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, item.ParentUnitCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.IndexNumber, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.Title, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, item.Summary, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.SubjectCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.SubjectTopCode, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.Genre.ToString(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.Publisher, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.WrittenOn, NpgsqlDbType.Date);
                await WriteNullableAsync(writer, item.DocumentNumber, NpgsqlDbType.Varchar);
                await writer.WriteAsync(item.Scope.ToString(), NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, item.DomainCode, NpgsqlDbType.Varchar);
                await writer.WriteNullAsync(); // obligation_id
                await writer.WriteAsync(item.BodyHtml, NpgsqlDbType.Text);
                await writer.WriteAsync(item.Keywords.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(item.Validity.ToString(), NpgsqlDbType.Varchar);
                if (item.ValidityChangedOn is { } changed)
                    await writer.WriteAsync(changed, NpgsqlDbType.Date);
                else
                    await writer.WriteNullAsync();
                await writer.WriteAsync(item.Version, NpgsqlDbType.Integer);
                await writer.WriteAsync(item.FirstPublishedOn, NpgsqlDbType.Date);
                await writer.WriteAsync(item.PublishedOn, NpgsqlDbType.Date);
                await writer.WriteAsync(item.UpdatedAt, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(item.SearchTerms.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(item.SearchText, NpgsqlDbType.Text);
                if ((i + 1) % 100_000 == 0)
                    Console.WriteLine($"  {i + 1:N0} rows written");
            }
            await writer.CompleteAsync();
        }

        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (name, definition) in indexes)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await ExecuteAsync(connection, definition);
            Console.WriteLine($"  index {name} built in {started.Elapsed.TotalSeconds:F0} s");
        }
        await ExecuteAsync(connection, "VACUUM ANALYZE public_items");
    }

    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'public_items' AND indexname <> 'PK_public_items'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new List<(string, string)>();
        while (await reader.ReadAsync())
            indexes.Add(($"\"{reader.GetString(0)}\"", reader.GetString(1)));
        return indexes;
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
