using Gongkai.Contracts;
using Npgsql;

namespace Gongkai.IntegrationTests;

/// <summary>What each service stored for a set of applications, counted in its own database (as the owner, past row-level security).</summary>
public sealed record Counts(long Applications, long Cases, long Receipts, long AuditEntries, long Duplicates)
{
    public bool Complete(int expected) => Duplicates > 0 || (Applications == expected && Cases == expected && Receipts == expected && AuditEntries == expected);
}

/// <summary>
/// Counts, across Intake, Workflow, Document and Identity, the applications, their cases, receipts and <c>case-opened</c>
/// audit entries, and any duplicate of them (a case, an opening, a receipt or an audit entry recorded twice).
/// </summary>
public sealed class StoredCounts(PlatformApp app)
{
    /// <summary>Counts until all is there (or a duplicate is) or the time is up.</summary>
    public async Task<Counts> WaitForAsync(Guid[] applications, TimeSpan timeout)
    {
        var giveUp = DateTime.UtcNow + timeout;
        while (true)
        {
            var counts = await CountAsync(applications);
            if (counts.Complete(applications.Length) || DateTime.UtcNow > giveUp)
                return counts;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    public async Task<Counts> CountAsync(Guid[] applications)
    {
        var stored = await ScalarAsync(ResourceNames.IntakeDb, "SELECT count(*) FROM applications WHERE id = ANY(@ids)", applications);
        var cases = await ListAsync<Guid>(ResourceNames.WorkflowDb, "SELECT id FROM cases WHERE application_id = ANY(@ids)", applications);
        var caseIds = cases.ToArray();
        var duplicateOpenings = await ScalarAsync(ResourceNames.WorkflowDb,
            "SELECT count(*) FROM (SELECT case_id FROM case_events WHERE kind = 'opened' AND case_id = ANY(@ids) GROUP BY case_id HAVING count(*) > 1) d", caseIds);
        var receipts = await ListAsync<Guid>(ResourceNames.DocumentDb, "SELECT case_id FROM issued_documents WHERE kind = 'receipt' AND case_id = ANY(@ids)", caseIds);
        var audits = await ListAsync<string>(ResourceNames.IdentityDb, "SELECT target FROM audit_entries WHERE action = 'case-opened' AND target = ANY(@ids)",
            caseIds.Select(id => $"case:{id}").ToArray());
        var duplicates = cases.Count - cases.Distinct().Count() + receipts.Count - receipts.Distinct().Count() + audits.Count - audits.Distinct().Count() + duplicateOpenings;
        return new Counts(stored, cases.Count, receipts.Count, audits.Count, duplicates);
    }

    public async Task<long> ScalarAsync(string database, string sql, Array ids)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(database + ResourceNames.AdminSuffix));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<List<T>> ListAsync<T>(string database, string sql, Array ids)
    {
        await using var connection = new NpgsqlConnection(app.GetConnectionString(database + ResourceNames.AdminSuffix));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
